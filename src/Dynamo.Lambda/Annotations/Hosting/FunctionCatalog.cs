using Dynamo.Lambda.Annotations.Manifest;
using Dynamo.Lambda.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Dynamo.Lambda.Annotations.Hosting;

/// <summary>One generated function: its description and how to build its handler from the services.</summary>
public sealed record FunctionEntry(FunctionDescription Description, Func<IServiceProvider, LambdaHandler> Create);

/// <summary>
/// The functions of an executable by Handler name, as the generator lists them (<c>LambdaFunctions.Catalog</c>):
/// the generated <c>Main</c> asks it for the function <c>ANNOTATIONS_HANDLER</c> names, and <c>dynamo template</c> reads its descriptions.
/// </summary>
public sealed class FunctionCatalog(Action<IServiceCollection> configureServices, IReadOnlyList<FunctionEntry> functions)
{
    public IReadOnlyList<FunctionDescription> Functions { get; } = functions.Select(function => function.Description).ToList();

    /// <summary>
    /// Builds the services (the startup's, then the function classes) and the named handler. Only that function's
    /// class is resolved, so a function pays at start-up only for what it uses. <paramref name="replace"/> runs
    /// last, so a test can put its own instances in (a function class built on fakes, say).
    /// </summary>
    public LambdaHandler Create(FunctionEnvironment environment, Action<IServiceCollection>? replace = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var function = functions.FirstOrDefault(entry => entry.Description.Handler == environment.Handler)
            ?? throw new NoSuchHandlerException(environment.Handler, functions.Select(entry => entry.Description.Handler));
        var services = new ServiceCollection();
        services.AddSingleton(environment);
        configureServices(services);
        replace?.Invoke(services);
        // Lives as long as the process: Lambda freezes or ends it, there is no orderly shutdown to dispose in.
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        return function.Create(provider);
    }
}
