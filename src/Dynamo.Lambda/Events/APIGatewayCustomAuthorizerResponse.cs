using System.Text.Json.Serialization;

namespace Amazon.Lambda.APIGatewayEvents;

/// <summary>What a REST API Lambda authorizer returns: the caller's principal and an IAM policy over the API's methods.</summary>
public class APIGatewayCustomAuthorizerResponse
{
    [JsonPropertyName("principalId")]
    public string? PrincipalID { get; set; }

    [JsonPropertyName("policyDocument")]
    public APIGatewayCustomAuthorizerPolicy PolicyDocument { get; set; } = new();

    /// <summary>Entries API Gateway passes on as <c>requestContext.authorizer</c>.</summary>
    [JsonPropertyName("context")]
    public APIGatewayCustomAuthorizerContextOutput? Context { get; set; }

    [JsonPropertyName("usageIdentifierKey")]
    public string? UsageIdentifierKey { get; set; }
}
