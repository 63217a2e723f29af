namespace Amazon.Lambda.APIGatewayEvents;

/// <summary>
/// The event of an API Gateway REST API Lambda proxy integration (payload format 1.0), shaped as
/// Amazon.Lambda.APIGatewayEvents shapes it. Headers and query parameters keep the case the caller sent;
/// <c>multiValue*</c> hold every value of a repeated name.
/// </summary>
public class APIGatewayProxyRequest
{
    /// <summary>The resource path as configured, e.g. <c>/datasets/{dataset}/rows</c>.</summary>
    public string? Resource { get; set; }
    /// <summary>The request path, e.g. <c>/datasets/orders/rows</c>.</summary>
    public string? Path { get; set; }
    public string? HttpMethod { get; set; }
    public IDictionary<string, string>? Headers { get; set; }
    public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }
    public IDictionary<string, string>? QueryStringParameters { get; set; }
    public IDictionary<string, IList<string>>? MultiValueQueryStringParameters { get; set; }
    public IDictionary<string, string>? PathParameters { get; set; }
    public IDictionary<string, string>? StageVariables { get; set; }
    public ProxyRequestContext? RequestContext { get; set; }
    public string? Body { get; set; }
    /// <summary>True when <see cref="Body"/> is base64 (binary media types).</summary>
    public bool IsBase64Encoded { get; set; }

    /// <summary><c>requestContext</c>: the stage, the request id, the caller's identity and what the authorizer returned.</summary>
    public class ProxyRequestContext
    {
        /// <summary>The path with the stage, e.g. <c>/dev/datasets/orders/rows</c>.</summary>
        public string? Path { get; set; }
        public string? AccountId { get; set; }
        public string? ResourceId { get; set; }
        public string? Stage { get; set; }
        public string? RequestId { get; set; }
        public RequestIdentity? Identity { get; set; }
        public string? ResourcePath { get; set; }
        public string? HttpMethod { get; set; }
        public string? ApiId { get; set; }
        public string? ExtendedRequestId { get; set; }
        public string? DomainName { get; set; }
        public string? DomainPrefix { get; set; }
        /// <summary>What the Lambda authorizer returned: <c>principalId</c>, its <c>context</c> entries, <c>integrationLatency</c>.</summary>
        public APIGatewayCustomAuthorizerContext? Authorizer { get; set; }
        /// <summary>CLF-formatted, e.g. <c>09/Apr/2015:12:34:56 +0000</c>.</summary>
        public string? RequestTime { get; set; }
        /// <summary>Epoch milliseconds.</summary>
        public long RequestTimeEpoch { get; set; }
    }

    /// <summary><c>requestContext.identity</c>: who called, as API Gateway saw the TCP connection and the signature.</summary>
    public class RequestIdentity
    {
        public string? CognitoIdentityPoolId { get; set; }
        public string? AccountId { get; set; }
        public string? CognitoIdentityId { get; set; }
        public string? Caller { get; set; }
        public string? ApiKey { get; set; }
        public string? ApiKeyId { get; set; }
        public string? AccessKey { get; set; }
        /// <summary>The source address of the TCP connection to API Gateway: not a header, so the caller cannot choose it.</summary>
        public string? SourceIp { get; set; }
        public string? CognitoAuthenticationType { get; set; }
        public string? CognitoAuthenticationProvider { get; set; }
        public string? UserArn { get; set; }
        public string? UserAgent { get; set; }
        public string? User { get; set; }
    }
}
