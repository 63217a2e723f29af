namespace Dynamo.Lambda.Annotations;

// Where a parameter of a RestApi function comes from. Text sources (route, query, header) convert to the
// parameter's type with invariant parsing (IParsable<T> or an enum's name); a value that does not convert, or a
// required one that is missing, answers 400 ValidationException before the method runs.

/// <summary>The request body: <c>string</c>, <c>Stream</c>, <c>ReadOnlyMemory&lt;byte&gt;</c>, <c>byte[]</c>, or a type read as JSON through a <see cref="LambdaSerializerAttribute"/> context.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class FromBodyAttribute : Attribute;

/// <summary>A <c>{name}</c> segment of the route template.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class FromRouteAttribute : Attribute
{
    /// <summary>The segment's name; by default the parameter's.</summary>
    public string? Name { get; set; }
}

/// <summary>A query string parameter; optional when the parameter is nullable or has a default value.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class FromQueryAttribute : Attribute
{
    public string? Name { get; set; }
}

/// <summary>A request header, matched without regard to case; optional when the parameter is nullable or has a default value.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class FromHeaderAttribute : Attribute
{
    public string? Name { get; set; }
}

/// <summary>A service of the invocation's scope (see <see cref="LambdaStartupAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class FromServicesAttribute : Attribute;
