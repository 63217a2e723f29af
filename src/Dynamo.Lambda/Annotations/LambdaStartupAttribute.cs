namespace Amazon.Lambda.Annotations;

/// <summary>
/// The one class that wires the functions: the generated code builds it with its parameterless constructor and
/// calls its <c>public void ConfigureServices(IServiceCollection services)</c>. Each function class is registered
/// first as a singleton built from its constructor, so ConfigureServices may register it differently.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public class LambdaStartupAttribute : Attribute;
