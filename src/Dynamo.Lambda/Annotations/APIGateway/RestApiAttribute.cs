namespace Amazon.Lambda.Annotations.APIGateway;

/// <summary>
/// The function answers a REST API route through the Lambda proxy integration (payload format 1.0), e.g.
/// <c>[RestApi(LambdaHttpMethod.Post, "/datasets/{dataset}/rows", Authorizer = "Authorizer")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public class RestApiAttribute(LambdaHttpMethod method, string template) : Attribute
{
    /// <summary>The resource path; <c>{name}</c> segments bind to <see cref="FromRouteAttribute"/> parameters.</summary>
    public string Template { get; set; } = template;

    public LambdaHttpMethod Method { get; set; } = method;

    /// <summary>
    /// The name of the <see cref="RestApiAuthorizerAttribute"/> function that guards the route: its ResourceName, or
    /// its method's name. Unset: anyone may call the route.
    /// </summary>
    public string? Authorizer { get; set; }
}
