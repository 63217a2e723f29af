using Amazon.Lambda.Core;
namespace Dynamo.Lambda.Runtime;

/// <summary>
/// The entry point of a custom runtime's <c>bootstrap</c>: builds the handler (start-up), reports a
/// start-up failure to <c>/runtime/init/error</c>, then runs the invocation loop.
/// </summary>
public static class LambdaBootstrap
{
    /// <summary>Runs with the environment Lambda set for this process.</summary>
    /// <returns>The process exit code: 1 when start-up failed.</returns>
    public static Task<int> RunAsync(Func<FunctionEnvironment, LambdaHandler> initialize, CancellationToken cancellationToken = default) =>
        RunAsync(FunctionEnvironment.FromEnvironment(), initialize, cancellationToken);

    /// <returns>The process exit code: 1 when start-up failed.</returns>
    public static async Task<int> RunAsync(FunctionEnvironment environment, Func<FunctionEnvironment, LambdaHandler> initialize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(initialize);
        var logger = ConsoleLambdaLogger.Instance;
        using var client = new RuntimeApiClient(environment.RuntimeApi);

        LambdaHandler handler;
        try
        {
            handler = initialize(environment);
        }
        catch (Exception e)
        {
            logger.LogLine($"Start-up of handler '{environment.Handler}' failed: {e}");
            var category = e is NoSuchHandlerException ? LambdaError.NoSuchHandlerCategory : LambdaError.InitErrorCategory;
            await client.SendInitErrorAsync(LambdaError.From(e, category), cancellationToken).ConfigureAwait(false);
            return 1;
        }

        try
        {
            await new LambdaRuntime(client, environment, TimeProvider.System, logger).RunAsync(handler, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        return 0;
    }
}

/// <summary><c>ANNOTATIONS_HANDLER</c> names no function this program has.</summary>
public sealed class NoSuchHandlerException : Exception
{
    public NoSuchHandlerException(string handler, IEnumerable<string> known)
        : base($"No handler is named '{handler}'. Known handlers: {string.Join(", ", known)}.") => Handler = handler;

    public string Handler { get; } = "";
}
