using System.Text.Json;

namespace Dynamo.Local.Gateway.Events;

/// <summary><c>requestContext</c> of a REST API proxy event and of a REQUEST authorizer event.</summary>
public sealed class APIGatewayRequestContext
{
    public string? AccountId { get; init; }
    public string? ApiId { get; init; }
    /// <summary>
    /// What the Lambda authorizer returned: <c>principalId</c>, its <c>context</c> entries, and
    /// <c>integrationLatency</c> (a number); for a Cognito authorizer, <c>claims</c> and <c>scopes</c>.
    /// Values are not all strings.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement>? Authorizer { get; init; }
    public string? DomainName { get; init; }
    public string? DomainPrefix { get; init; }
    public string? ExtendedRequestId { get; init; }
    public string? HttpMethod { get; init; }
    public APIGatewayRequestIdentity? Identity { get; init; }
    /// <summary>The path with the stage, e.g. <c>/dev/datasets/orders/rows</c>.</summary>
    public string? Path { get; init; }
    public string? Protocol { get; init; }
    public string? RequestId { get; init; }
    /// <summary>CLF-formatted, e.g. <c>09/Apr/2015:12:34:56 +0000</c>.</summary>
    public string? RequestTime { get; init; }
    /// <summary>Epoch milliseconds.</summary>
    public long RequestTimeEpoch { get; init; }
    public string? ResourceId { get; init; }
    public string? ResourcePath { get; init; }
    public string? Stage { get; init; }
}

/// <summary><c>requestContext.identity</c>: who called, as API Gateway saw the TCP connection and the signature.</summary>
public sealed class APIGatewayRequestIdentity
{
    public string? AccessKey { get; init; }
    public string? AccountId { get; init; }
    public string? ApiKey { get; init; }
    public string? ApiKeyId { get; init; }
    public string? Caller { get; init; }
    /// <summary>The client certificate of a mutual-TLS request.</summary>
    public APIGatewayClientCertificate? ClientCert { get; init; }
    public string? CognitoAuthenticationProvider { get; init; }
    public string? CognitoAuthenticationType { get; init; }
    public string? CognitoIdentityId { get; init; }
    public string? CognitoIdentityPoolId { get; init; }
    public string? PrincipalOrgId { get; init; }
    /// <summary>The source address of the TCP connection to API Gateway: not a header, so the caller cannot choose it.</summary>
    public string? SourceIp { get; init; }
    public string? User { get; init; }
    public string? UserAgent { get; init; }
    public string? UserArn { get; init; }
    public string? VpcId { get; init; }
    public string? VpceId { get; init; }
}

public sealed class APIGatewayClientCertificate
{
    public string? ClientCertPem { get; init; }
    public string? SubjectDN { get; init; }
    public string? IssuerDN { get; init; }
    public string? SerialNumber { get; init; }
    public APIGatewayCertificateValidity? Validity { get; init; }
}

public sealed class APIGatewayCertificateValidity
{
    public string? NotBefore { get; init; }
    public string? NotAfter { get; init; }
}
