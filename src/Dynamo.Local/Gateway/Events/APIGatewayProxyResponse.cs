namespace Dynamo.Local.Gateway.Events;

/// <summary>What a REST API proxy integration returns (payload format 1.0); API Gateway turns it into the HTTP response.</summary>
public sealed class APIGatewayProxyResponse
{
    public int StatusCode { get; init; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? MultiValueHeaders { get; init; }
    public string? Body { get; init; }
    public bool IsBase64Encoded { get; init; }
}
