namespace Amazon.Lambda.Annotations;

/// <summary>A service of the invocation's scope (see <see cref="LambdaStartupAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public class FromServicesAttribute : Attribute;
