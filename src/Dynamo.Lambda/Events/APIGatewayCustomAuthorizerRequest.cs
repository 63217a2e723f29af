namespace Amazon.Lambda.APIGatewayEvents;

/// <summary>The event of a REST API Lambda authorizer: the token (TOKEN) or the whole request (REQUEST).</summary>
public class APIGatewayCustomAuthorizerRequest
{
    /// <summary><c>TOKEN</c> or <c>REQUEST</c>.</summary>
    public string? Type { get; set; }
    /// <summary>The identity source header's value, for a TOKEN authorizer.</summary>
    public string? AuthorizationToken { get; set; }
    /// <summary><c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{verb}/{resource}</c>.</summary>
    public string? MethodArn { get; set; }
    public string? Path { get; set; }
    public string? HttpMethod { get; set; }
    public IDictionary<string, string>? Headers { get; set; }
    public IDictionary<string, string>? QueryStringParameters { get; set; }
    public IDictionary<string, string>? PathParameters { get; set; }
    public IDictionary<string, string>? StageVariables { get; set; }
    public APIGatewayProxyRequest.ProxyRequestContext? RequestContext { get; set; }
}
