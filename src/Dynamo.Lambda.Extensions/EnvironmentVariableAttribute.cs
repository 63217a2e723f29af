namespace Dynamo.Lambda.Extensions;

/// <summary>
/// An environment variable of the function in <c>serverless.template</c> (<c>dynamo template</c>); on the
/// <c>[LambdaStartup]</c> class, of every function. Amazon.Lambda.Annotations has no such attribute: on the
/// official layer it is only read by the stand-in's generator, and template.yaml stays the deployment's source.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EnvironmentVariableAttribute(string name, string value) : Attribute
{
    public string Name { get; } = name;
    public string Value { get; } = value;
}
