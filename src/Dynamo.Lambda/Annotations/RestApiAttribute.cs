namespace Dynamo.Lambda.Annotations;

/// <summary>
/// The function answers a REST API route through the Lambda proxy integration (payload format 1.0), e.g.
/// <c>[RestApi(LambdaHttpMethod.Post, "/datasets/{dataset}/rows")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RestApiAttribute(LambdaHttpMethod method, string template) : Attribute
{
    /// <summary>The value of <see cref="Authorizer"/> that opens a route to every caller (SAM's <c>Authorizer: NONE</c>).</summary>
    public const string NoAuthorizer = "NONE";

    public LambdaHttpMethod Method { get; } = method;

    /// <summary>The resource path; <c>{name}</c> segments bind to <see cref="FromRouteAttribute"/> parameters.</summary>
    public string Template { get; } = template;

    /// <summary>
    /// Unset: the API's default authorizer (the <see cref="RestApiAuthorizerAttribute"/> function) guards the
    /// route. <see cref="NoAuthorizer"/>: anyone may call it.
    /// </summary>
    public string? Authorizer { get; set; }
}
