namespace Amazon.Lambda.Annotations.APIGateway;

// Where a parameter of a RestApi function comes from, with Amazon.Lambda.Annotations' rules: a route, query or header
// value converts to the parameter's type (Convert.ChangeType, invariant culture); one that is absent stays the type's
// default; one that does not convert, and a body that is not JSON of the parameter's type, answers 400
// ValidationException before the method runs.

/// <summary>The request body: a <c>string</c> parameter gets <c>Body</c> as sent (still base64 when <c>IsBase64Encoded</c>); any other type is read from it as JSON.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public class FromBodyAttribute : Attribute;

/// <summary>A <c>{name}</c> segment of the route template.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public class FromRouteAttribute : Attribute
{
    /// <summary>The segment's name; by default the parameter's.</summary>
    public string? Name { get; set; }
}

/// <summary>A query string parameter.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public class FromQueryAttribute : Attribute
{
    public string? Name { get; set; }
}

/// <summary>A request header, matched without regard to case.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public class FromHeaderAttribute : Attribute
{
    public string? Name { get; set; }
}
