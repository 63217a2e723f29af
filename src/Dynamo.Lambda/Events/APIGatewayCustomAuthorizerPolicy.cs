using System.Text.Json.Serialization;

namespace Amazon.Lambda.APIGatewayEvents;

/// <summary>An IAM policy document; IAM spells its members in PascalCase.</summary>
public class APIGatewayCustomAuthorizerPolicy
{
    [JsonPropertyName("Version")]
    public string Version { get; set; } = "2012-10-17";

    [JsonPropertyName("Statement")]
    public List<IAMPolicyStatement> Statement { get; set; } = [];

    /// <summary>One statement: an effect over actions (<c>execute-api:Invoke</c>) on resources (method ARNs).</summary>
    public class IAMPolicyStatement
    {
        /// <summary><c>Allow</c> or <c>Deny</c>.</summary>
        [JsonPropertyName("Effect")]
        public string Effect { get; set; } = "Allow";

        [JsonPropertyName("Action")]
        public HashSet<string>? Action { get; set; }

        [JsonPropertyName("Resource")]
        public HashSet<string>? Resource { get; set; }
    }
}
