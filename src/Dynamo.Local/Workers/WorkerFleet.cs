using Dynamo.Local.Template;

namespace Dynamo.Local.Workers;

/// <summary>Every function of the template with its workers, all running one functions executable.</summary>
public sealed class WorkerFleet : IFunctionInvoker, IAsyncDisposable
{
    /// <summary>
    /// Concurrency of a function without reserved concurrency. On AWS it shares the account's unreserved pool
    /// (1,000 by default); locally a handful of processes is plenty and keeps the machine responsive.
    /// </summary>
    public const int UnreservedConcurrency = 10;

    /// <summary>
    /// Sandboxes in their Init phase at once, across every function: half the cores (one on a 2-core machine), so the
    /// invocations already admitted keep the rest of the CPU while the fleet grows. A JIT init burns about a second
    /// of CPU and a Native AOT one about a tenth; twenty JIT inits at once on two cores took 10-12 s each (issue 21).
    /// </summary>
    public static int MaxConcurrentInits { get; } = Math.Max(1, Environment.ProcessorCount / 2);

    private readonly Dictionary<string, FunctionWorkers> _functions;
    private readonly SemaphoreSlim _inits = new(MaxConcurrentInits, MaxConcurrentInits);

    /// <param name="environmentOverrides">Variables by function logical ID that replace the template's (as <c>sam local --env-vars</c> does).</param>
    public WorkerFleet(IEnumerable<FunctionDefinition> functions, FunctionsExecutable executable, Uri dynamoDbEndpoint,
        Action<string> console, TimeProvider? clock = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? environmentOverrides = null)
    {
        ArgumentNullException.ThrowIfNull(functions);
        _functions = functions.ToDictionary(
            function => function.LogicalId,
            function => new FunctionWorkers(
                function, executable,
                WorkerEnvironment.For(function, executable, dynamoDbEndpoint, environmentOverrides?.GetValueOrDefault(function.LogicalId)),
                function.ReservedConcurrency ?? UnreservedConcurrency, _inits, console, clock ?? TimeProvider.System),
            StringComparer.Ordinal);
    }

    public Task<InvocationResult> InvokeAsync(string functionLogicalId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        _functions.TryGetValue(functionLogicalId, out var workers)
            ? workers.InvokeAsync(payload, cancellationToken)
            : throw new KeyNotFoundException($"No function '{functionLogicalId}' in the template.");

    /// <summary>
    /// Starts every function's warm pool (its ProvisionedConcurrency, else <see cref="FunctionWorkers.DefaultWarmSandboxes"/>)
    /// and waits until each sandbox finished its Init; returns how many started.
    /// </summary>
    public async Task<int> WarmAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_functions.Values.Select(workers => workers.WarmAsync(cancellationToken))).ConfigureAwait(false);
        return _functions.Values.Sum(workers => workers.WarmSandboxes);
    }

    /// <summary>How many sandboxes the function starts before the stack is ready.</summary>
    public int WarmSandboxes(string functionLogicalId) => _functions[functionLogicalId].WarmSandboxes;

    /// <summary>How many invocations of the function are running now.</summary>
    public int RunningInvocations(string functionLogicalId) => _functions[functionLogicalId].Running;

    /// <summary>The PIDs of the function's running workers.</summary>
    public IReadOnlyList<int> WorkerProcessIds(string functionLogicalId) => _functions[functionLogicalId].ProcessIds;

    /// <summary>The PIDs of the function's workers that are running an invocation now.</summary>
    public IReadOnlyList<int> InvokingWorkerProcessIds(string functionLogicalId) => _functions[functionLogicalId].InvokingProcessIds;

    /// <summary>The PIDs of every running worker.</summary>
    public IReadOnlyList<int> WorkerProcessIds() => [.. _functions.Values.SelectMany(workers => workers.ProcessIds)];

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_functions.Values.Select(workers => workers.DisposeAsync().AsTask())).ConfigureAwait(false);
        _inits.Dispose();
    }
}
