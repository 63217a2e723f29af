namespace Dynamo.Local.Gateway.Events;

/// <summary>
/// What API Gateway puts in both events of a REST API request: a Lambda proxy integration's (payload format 1.0) and a
/// REQUEST authorizer's. Headers and query parameters keep the case the caller sent; <c>multiValue*</c> hold every
/// value of a repeated name.
/// </summary>
public abstract class RestApiRequestEvent
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
}
