namespace Dynamo.Lambda.Annotations;

/// <summary>
/// An environment variable of the function in <c>serverless.template</c>; on the
/// <see cref="LambdaStartupAttribute"/> class, of every function.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EnvironmentVariableAttribute(string name, string value) : Attribute
{
    public string Name { get; } = name;
    public string Value { get; } = value;
}
