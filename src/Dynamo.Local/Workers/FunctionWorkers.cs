using System.Collections.Concurrent;
using Dynamo.Local.Template;

namespace Dynamo.Local.Workers;

/// <summary>
/// The sandboxes of one function: started on demand, one invocation each, kept warm between invocations, and
/// at most the function's concurrency of them at once. As Lambda does, an invocation beyond that concurrency,
/// or with an event over 6 MB, is refused at once (never queued). A worker whose process ended, or that ran past
/// its deadline (Lambda resets that sandbox), is dropped, and the next invocation starts a new one.
/// </summary>
internal sealed class FunctionWorkers : IAsyncDisposable
{
    private readonly FunctionDefinition _function;
    private readonly FunctionsExecutable _executable;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Action<string> _console;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<Worker> _idle = new();
    private readonly ConcurrentDictionary<Worker, byte> _all = new();
    private readonly ConcurrentDictionary<Worker, byte> _invoking = new();
    private readonly CancellationTokenSource _stopping = new();

    public FunctionWorkers(FunctionDefinition function, FunctionsExecutable executable, IReadOnlyDictionary<string, string> environment,
        int concurrency, Action<string> console, TimeProvider clock)
    {
        _function = function;
        _executable = executable;
        _environment = environment;
        _console = console;
        _clock = clock;
        Concurrency = concurrency;
        _slots = new SemaphoreSlim(concurrency, concurrency);
    }

    public int Concurrency { get; }

    /// <summary>Lambda's limit on a synchronous invocation's event: 6 MB (6,291,456 bytes).</summary>
    public const int MaxEventBytes = 6 * 1024 * 1024;

    /// <summary>Invocations running now (each holds one of <see cref="Concurrency"/>).</summary>
    public int Running => Concurrency - _slots.CurrentCount;

    /// <summary>The PIDs of the running workers (for tests: a crash is a kill of one of them).</summary>
    public IReadOnlyList<int> ProcessIds => [.. _all.Keys.Where(worker => worker.IsAlive).Select(worker => worker.ProcessId)];

    /// <summary>The PIDs of the workers running an invocation now (for tests: a crash in the middle of a request).</summary>
    public IReadOnlyList<int> InvokingProcessIds => [.. _invoking.Keys.Where(worker => worker.IsAlive).Select(worker => worker.ProcessId)];

    public async Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (payload.Length > MaxEventBytes)
            return InvocationResult.Refused(FunctionError.RequestTooLarge,
                $"{payload.Length} byte payload is too large for the RequestResponse invocation type (limit {MaxEventBytes} bytes)");
        if (!_slots.Wait(0, CancellationToken.None))
            return InvocationResult.Refused(FunctionError.Throttled,
                $"Rate Exceeded: {_function.LogicalId} already runs {Concurrency} invocations (ReservedFunctionConcurrentInvocationLimitExceeded)");
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            var worker = TakeWarm() ?? await StartAsync(linked.Token).ConfigureAwait(false);
            // Lambda's deadline: the function's Timeout from the start of the invocation.
            _invoking[worker] = 0;
            InvocationResult result;
            try
            {
                result = await worker.InvokeAsync(payload, _clock.GetUtcNow() + _function.Timeout, linked.Token).ConfigureAwait(false);
            }
            finally
            {
                _invoking.TryRemove(worker, out _);
            }
            if (worker.IsAlive && result.Error?.ErrorType != FunctionError.TimedOut)
            {
                _idle.Push(worker);
            }
            else
            {
                _console($"[{_function.LogicalId}] worker {worker.ProcessId} ended ({result.Error?.ErrorType ?? "exited"}); the next invocation starts a new one");
                await RemoveAsync(worker).ConfigureAwait(false);
            }
            return result;
        }
        finally
        {
            _slots.Release();
        }
    }

    private Worker? TakeWarm()
    {
        while (_idle.TryPop(out var worker))
        {
            if (worker.IsAlive) return worker;
            _ = RemoveAsync(worker).AsTask();
        }
        return null;
    }

    private async Task<Worker> StartAsync(CancellationToken cancellationToken)
    {
        var prefix = $"[{_function.LogicalId}] ";
        var worker = await Worker.StartAsync(_executable, _environment, FunctionArn, line => _console(prefix + line), cancellationToken).ConfigureAwait(false);
        _all[worker] = 0;
        return worker;
    }

    private string FunctionArn => $"arn:aws:lambda:{WorkerEnvironment.Region}:{PseudoParameters.AccountId}:function:{_function.LogicalId}";

    private async ValueTask RemoveAsync(Worker worker)
    {
        if (_all.TryRemove(worker, out _))
            await worker.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_all.Keys.Select(worker => RemoveAsync(worker).AsTask())).ConfigureAwait(false);
        _stopping.Dispose();
        _slots.Dispose();
    }
}
