namespace Dynamo.Local.Gateway.Events;

/// <summary>The event of a Lambda authorizer of type REQUEST on a REST API.</summary>
public sealed class APIGatewayCustomAuthorizerRequest
{
    /// <summary><c>REQUEST</c> (or <c>TOKEN</c> for token authorizers).</summary>
    public string? Type { get; init; }
    /// <summary><c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{verb}/{resource}</c>.</summary>
    public string? MethodArn { get; init; }
    public string? Resource { get; init; }
    public string? Path { get; init; }
    public string? HttpMethod { get; init; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? MultiValueHeaders { get; init; }
    public IReadOnlyDictionary<string, string>? QueryStringParameters { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? MultiValueQueryStringParameters { get; init; }
    public IReadOnlyDictionary<string, string>? PathParameters { get; init; }
    public IReadOnlyDictionary<string, string>? StageVariables { get; init; }
    public APIGatewayRequestContext? RequestContext { get; init; }
}
