namespace Dynamo.Lambda.Annotations;

/// <summary>
/// The one class that wires the functions: it has a parameterless constructor and a
/// <c>public void ConfigureServices(IServiceCollection services)</c> that registers their services and any
/// <see cref="Hosting.IInvocationFilter"/>. The function classes themselves are registered by the generator
/// (singletons built from their constructor) unless this method registers them first.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class LambdaStartupAttribute : Attribute;
