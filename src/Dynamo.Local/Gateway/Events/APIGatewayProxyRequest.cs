namespace Dynamo.Local.Gateway.Events;

/// <summary>
/// The event of an API Gateway REST API Lambda proxy integration (payload format 1.0). Headers and query
/// parameters keep the case the caller sent; <c>multiValue*</c> hold every value of a repeated name.
/// </summary>
public sealed class APIGatewayProxyRequest
{
    /// <summary>The resource path as configured, e.g. <c>/datasets/{dataset}/rows</c>.</summary>
    public string? Resource { get; init; }
    /// <summary>The request path, e.g. <c>/datasets/orders/rows</c>.</summary>
    public string? Path { get; init; }
    public string? HttpMethod { get; init; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? MultiValueHeaders { get; init; }
    public IReadOnlyDictionary<string, string>? QueryStringParameters { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? MultiValueQueryStringParameters { get; init; }
    public IReadOnlyDictionary<string, string>? PathParameters { get; init; }
    public IReadOnlyDictionary<string, string>? StageVariables { get; init; }
    public APIGatewayRequestContext? RequestContext { get; init; }
    public string? Body { get; init; }
    /// <summary>True when <see cref="Body"/> is base64 (binary media types).</summary>
    public bool IsBase64Encoded { get; init; }
}
