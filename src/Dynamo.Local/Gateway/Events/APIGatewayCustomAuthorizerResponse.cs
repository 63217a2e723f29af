using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dynamo.Local.Gateway.Events;

/// <summary>What a Lambda authorizer returns: the caller's principal and an IAM policy over <c>execute-api:Invoke</c>.</summary>
public sealed class APIGatewayCustomAuthorizerResponse
{
    public required string PrincipalId { get; init; }
    public required APIGatewayCustomAuthorizerPolicy PolicyDocument { get; init; }
    /// <summary>Handed to the integration as <c>requestContext.authorizer</c>: string, number or boolean values only.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Context { get; init; }
    /// <summary>The usage plan's API key, when the API's key source is AUTHORIZER.</summary>
    public string? UsageIdentifierKey { get; init; }
}

/// <summary>An IAM policy document: its members are PascalCase, as IAM writes them.</summary>
public sealed class APIGatewayCustomAuthorizerPolicy
{
    public const string CurrentVersion = "2012-10-17";

    [JsonPropertyName("Version")]
    public string Version { get; init; } = CurrentVersion;

    [JsonPropertyName("Statement")]
    public required IReadOnlyList<APIGatewayPolicyStatement> Statement { get; init; }
}

public sealed class APIGatewayPolicyStatement
{
    public const string Invoke = "execute-api:Invoke";
    public const string Allow = "Allow";
    public const string Deny = "Deny";

    /// <summary>IAM accepts one action or a list; one is written as a string.</summary>
    [JsonPropertyName("Action")]
    [JsonConverter(typeof(StringOrArrayConverter))]
    public IReadOnlyList<string> Action { get; init; } = [Invoke];

    /// <summary><see cref="Allow"/> or <see cref="Deny"/>.</summary>
    [JsonPropertyName("Effect")]
    public required string Effect { get; init; }

    [JsonPropertyName("Resource")]
    [JsonConverter(typeof(StringOrArrayConverter))]
    public required IReadOnlyList<string> Resource { get; init; }
}
