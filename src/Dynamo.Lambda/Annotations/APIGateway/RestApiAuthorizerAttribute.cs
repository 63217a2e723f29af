namespace Amazon.Lambda.Annotations.APIGateway;

/// <summary>What a REST API Lambda authorizer receives: one token header, or the whole request.</summary>
public enum RestApiAuthorizerType
{
    Token,
    Request,
}

/// <summary>
/// The function is a REST API Lambda authorizer: it takes an <c>APIGatewayCustomAuthorizerRequest</c> and returns an
/// <c>APIGatewayCustomAuthorizerResponse</c>. Routes name it in <see cref="RestApiAttribute.Authorizer"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public class RestApiAuthorizerAttribute : Attribute
{
    /// <summary>The header that is the identity source (<c>method.request.header.{IdentityHeader}</c>).</summary>
    public string IdentityHeader { get; set; } = "Authorization";

    public RestApiAuthorizerType Type { get; set; } = RestApiAuthorizerType.Token;

    /// <summary>How long API Gateway caches the policy per identity: 0 to 3,600 s (0 turns caching off).</summary>
    public int ResultTtlInSeconds { get; set; }
}
