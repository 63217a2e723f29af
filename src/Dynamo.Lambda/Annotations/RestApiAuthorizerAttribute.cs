namespace Dynamo.Lambda.Annotations;

/// <summary>
/// The function is the REST API's Lambda authorizer and the default of every route: it takes an
/// <c>APIGatewayCustomAuthorizerRequest</c> and returns an <c>APIGatewayCustomAuthorizerResponse</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RestApiAuthorizerAttribute : Attribute
{
    /// <summary>The authorizer's name in the API; by default the function's resource name.</summary>
    public string? Name { get; set; }

    public RestApiAuthorizerType Type { get; set; } = RestApiAuthorizerType.Request;

    /// <summary>A header that keys the cached policy (and, for a token authorizer, carries the token).</summary>
    public string? IdentityHeader { get; set; }

    /// <summary>
    /// A <c>$context</c> value that keys the cached policy, e.g. <c>identity.sourceIp</c>: unlike a header, the
    /// caller cannot choose it.
    /// </summary>
    public string? IdentityContext { get; set; }

    /// <summary>How long API Gateway caches the policy per identity: 0 to 3,600 s (0 turns caching off).</summary>
    public int ResultTtlInSeconds { get; set; } = 300;
}
