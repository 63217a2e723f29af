using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dynamo.Local.Template;

namespace Dynamo.Local.Workers;

/// <summary>
/// The sandboxes of one function, one invocation each, kept warm between invocations, at most the function's
/// concurrency of invocations at once. As Lambda does, an invocation beyond that concurrency, or with an event over
/// 6 MB, is refused at once (never queued): a 503 means the reserved concurrency really is in use.
/// <para>
/// How sandboxes start (docs/local-stack.md, Sandboxes): <see cref="WarmAsync"/> starts the warm pool before the
/// stack says it is ready (the template's ProvisionedConcurrency, else <see cref="DefaultWarmSandboxes"/>); an
/// admitted invocation takes an idle sandbox, or waits for the first one that is free or newly started, and a
/// start is asked for whenever invocations wait and, ahead of demand, whenever the last idle sandbox is taken.
/// Starts run at most <paramref name="inits"/>'s count at a time (shared by every function): twenty simultaneous
/// inits on two cores would take the CPU from the invocations already running, which Lambda's own micro-VMs never do.
/// A worker whose process ended, whose Init failed, or that ran past its deadline (Lambda resets that sandbox) is
/// dropped; another starts when one is needed.
/// </para>
/// </summary>
internal sealed class FunctionWorkers : IAsyncDisposable
{
    /// <summary>
    /// Sandboxes started ahead of the first request when the template declares no ProvisionedConcurrency: two serve a
    /// one-row request every few milliseconds each, so a burst of ten admitted requests is answered while more start.
    /// </summary>
    public const int DefaultWarmSandboxes = 2;

    private readonly FunctionDefinition _function;
    private readonly FunctionsExecutable _executable;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Action<string> _console;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _inits;
    private readonly object _gate = new();
    private readonly Stack<Worker> _idle = new();
    private readonly LinkedList<TaskCompletionSource<Worker>> _waiting = new();
    private readonly ConcurrentDictionary<Worker, byte> _all = new();
    private readonly ConcurrentDictionary<Worker, byte> _invoking = new();
    private readonly ConcurrentDictionary<Task, byte> _starts = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _starting;

    public FunctionWorkers(FunctionDefinition function, FunctionsExecutable executable, IReadOnlyDictionary<string, string> environment,
        int concurrency, SemaphoreSlim inits, Action<string> console, TimeProvider clock)
    {
        _function = function;
        _executable = executable;
        _environment = environment;
        _console = console;
        _clock = clock;
        _inits = inits;
        Concurrency = concurrency;
        WarmSandboxes = Math.Min(concurrency, function.ProvisionedConcurrency ?? DefaultWarmSandboxes);
        _slots = new SemaphoreSlim(concurrency, concurrency);
    }

    public int Concurrency { get; }

    /// <summary>Sandboxes started before the stack is ready: ProvisionedConcurrency, else <see cref="DefaultWarmSandboxes"/>.</summary>
    public int WarmSandboxes { get; }

    /// <summary>Lambda's limit on a synchronous invocation's event: 6 MB (6,291,456 bytes).</summary>
    public const int MaxEventBytes = 6 * 1024 * 1024;

    /// <summary>Invocations running now (each holds one of <see cref="Concurrency"/>).</summary>
    public int Running => Concurrency - _slots.CurrentCount;

    /// <summary>The PIDs of the running workers (for tests: a crash is a kill of one of them).</summary>
    public IReadOnlyList<int> ProcessIds => [.. _all.Keys.Where(worker => worker.IsAlive).Select(worker => worker.ProcessId)];

    /// <summary>The PIDs of the workers running an invocation now (for tests: a crash in the middle of a request).</summary>
    public IReadOnlyList<int> InvokingProcessIds => [.. _invoking.Keys.Where(worker => worker.IsAlive).Select(worker => worker.ProcessId)];

    /// <summary>Starts the warm pool and waits until each of its sandboxes finished its Init.</summary>
    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        var warm = new List<Task<Worker>>();
        for (var i = 0; i < WarmSandboxes; i++)
        {
            var ready = new TaskCompletionSource<Worker>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate) _starting++;
            Start(ready, skipWhenUnneeded: false);
            warm.Add(ready.Task);
        }
        await Task.WhenAll(warm).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (payload.Length > MaxEventBytes)
            return InvocationResult.Refused(FunctionError.RequestTooLarge,
                $"{payload.Length} byte payload is too large for the RequestResponse invocation type (limit {MaxEventBytes} bytes)");
        if (!_slots.Wait(0, CancellationToken.None))
        {
            LogRefusal();
            return InvocationResult.Refused(FunctionError.Throttled,
                $"Rate Exceeded: {_function.LogicalId} already runs {Concurrency} invocations (ReservedFunctionConcurrentInvocationLimitExceeded)");
        }
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            var arrived = Stopwatch.GetTimestamp();
            var worker = await TakeAsync(linked.Token).ConfigureAwait(false);
            // Cold: this invocation waited while its sandbox was in its Init phase (Lambda's REPORT line then has an
            // Init Duration); a sandbox of the warm pool, or one started ahead of demand, is warm.
            var cold = worker.InitializedAt > arrived;
            if (cold)
                _console(string.Create(CultureInfo.InvariantCulture,
                    $"[{_function.LogicalId}] cold start: worker {worker.ProcessId} Init Duration {worker.InitDuration.TotalMilliseconds:0} ms, the invocation waited {Stopwatch.GetElapsedTime(arrived).TotalMilliseconds:0} ms for a sandbox"));
            // Lambda's deadline: the function's Timeout from the start of the invocation, after the Init phase.
            _invoking[worker] = 0;
            InvocationResult result;
            var running = Stopwatch.GetTimestamp();
            try
            {
                result = await worker.InvokeAsync(payload, _clock.GetUtcNow() + _function.Timeout, linked.Token).ConfigureAwait(false);
                var duration = Stopwatch.GetElapsedTime(running);
                result = result with { ColdStart = cold, Duration = duration };
                // Lambda's platform line, in the function's own log stream: what CloudWatch bills the invocation by.
                _console($"[{_function.LogicalId}] " + PlatformReport.Line(result.RequestId, duration, _function.MemorySizeMb,
                    PlatformReport.PeakResidentMb(worker.ProcessId), cold ? worker.InitDuration : null));
            }
            finally
            {
                _invoking.TryRemove(worker, out _);
            }
            if (worker.IsAlive && !worker.InitFailed && result.Error?.ErrorType != FunctionError.TimedOut)
            {
                Give(worker);
            }
            else
            {
                _console($"[{_function.LogicalId}] worker {worker.ProcessId} ended ({result.Error?.ErrorType ?? "exited"}); the next invocation starts a new one");
                await RemoveAsync(worker).ConfigureAwait(false);
                StartWhatIsNeeded();
            }
            return result;
        }
        finally
        {
            _slots.Release();
        }
    }

    private long _refusedSinceLine;
    private long _refusalLineAt;

    /// <summary>
    /// The log says why a 503 happened: at most one line a second, with the refusals since the last line and how many
    /// invocations held the concurrency then (all of it, by construction), and how many of them waited for a sandbox.
    /// </summary>
    private void LogRefusal()
    {
        var refused = Interlocked.Increment(ref _refusedSinceLine);
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _refusalLineAt);
        if (last != 0 && Stopwatch.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1)) return;
        if (Interlocked.CompareExchange(ref _refusalLineAt, now, last) != last) return;
        Interlocked.Add(ref _refusedSinceLine, -refused);
        int waiting;
        lock (_gate) waiting = _waiting.Count;
        _console(string.Create(CultureInfo.InvariantCulture,
            $"[{_function.LogicalId}] throttled {refused} invocation{(refused == 1 ? "" : "s")}: {Running} of its reserved concurrency {Concurrency} in use ({_invoking.Count} running, {waiting} waiting for a sandbox)"));
    }

    /// <summary>An idle sandbox now, or the first one that is handed back or finishes its Init.</summary>
    private async Task<Worker> TakeAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<Worker> waiter;
        LinkedListNode<TaskCompletionSource<Worker>> node;
        var dead = new List<Worker>();
        lock (_gate)
        {
            while (_idle.TryPop(out var idle))
            {
                if (idle.IsAlive && !idle.InitFailed)
                {
                    StartAheadLocked();
                    Forget(dead);
                    return idle;
                }
                dead.Add(idle);
            }
            waiter = new TaskCompletionSource<Worker>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast(waiter);
        }
        Forget(dead);
        StartWhatIsNeeded();
        using (cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (node.List is not null) _waiting.Remove(node);
            }
            waiter.TrySetCanceled(cancellationToken);
        }))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    /// <summary>A free sandbox goes to the longest-waiting invocation, else back to the pool (last in, first out).</summary>
    private void Give(Worker worker)
    {
        lock (_gate)
        {
            while (_waiting.First is { } first)
            {
                _waiting.RemoveFirst();
                if (first.Value.TrySetResult(worker)) return;
            }
            _idle.Push(worker);
        }
    }

    /// <summary>Asks for as many starts as invocations wait beyond those already starting, within the concurrency.</summary>
    private void StartWhatIsNeeded()
    {
        var starts = 0;
        lock (_gate)
        {
            var wanted = _waiting.Count - _starting;
            var room = Concurrency - _all.Count - _starting;
            starts = Math.Max(0, Math.Min(wanted, room));
            _starting += starts;
        }
        for (var i = 0; i < starts; i++)
            Start(ready: null, skipWhenUnneeded: true);
    }

    /// <summary>The last idle sandbox was just taken: start one ahead of demand, so the next invocation finds it warm.</summary>
    private void StartAheadLocked()
    {
        if (_idle.Count > 0 || _starting > 0 || _all.Count + _starting >= Concurrency) return;
        _starting++;
        Start(ready: null, skipWhenUnneeded: true);
    }

    /// <summary>
    /// Starts one sandbox in the background (the caller counted it in <see cref="_starting"/>); when its Init ends it
    /// is given to a waiting invocation or the pool, and <paramref name="ready"/> (the warm pool's) completes.
    /// A start still queued for an init slot is dropped if by then no invocation waits and a sandbox is idle.
    /// </summary>
    private void Start(TaskCompletionSource<Worker>? ready, bool skipWhenUnneeded)
    {
        var task = Task.Run(async () =>
        {
            var stopping = _stopping.Token;
            Worker? worker = null;
            try
            {
                // The warm pool starts before any invocation is admitted, so it has nothing to starve: all its inits
                // run at once; every later start waits for an init slot.
                var bounded = ready is null;
                if (bounded) await _inits.WaitAsync(stopping).ConfigureAwait(false);
                try
                {
                    if (skipWhenUnneeded)
                    {
                        lock (_gate)
                        {
                            if (_waiting.Count == 0 && _idle.Count > 0)
                            {
                                _starting--;
                                return;
                            }
                        }
                    }
                    var prefix = $"[{_function.LogicalId}] ";
                    worker = await Worker.StartAsync(_executable, _environment, FunctionArn, line => _console(prefix + line), stopping).ConfigureAwait(false);
                    _all[worker] = 0;
                    await worker.WaitInitializedAsync(stopping).ConfigureAwait(false);
                }
                finally
                {
                    if (bounded) _inits.Release();
                }
                lock (_gate) _starting--;
                ready?.TrySetResult(worker);
                Give(worker);
            }
            catch (Exception e)
            {
                lock (_gate) _starting--;
                if (worker is not null) await RemoveAsync(worker).ConfigureAwait(false);
                if (ready is not null)
                {
                    ready.TrySetException(e);
                }
                else if (!stopping.IsCancellationRequested)
                {
                    // The invocation waiting longest fails as Lambda's invoke would; the others wait for the next start.
                    _console($"[{_function.LogicalId}] a worker did not start: {e.Message}");
                    lock (_gate)
                    {
                        if (_waiting.First is { } first)
                        {
                            _waiting.RemoveFirst();
                            first.Value.TrySetException(e);
                        }
                    }
                }
            }
        });
        _starts[task] = 0;
        _ = task.ContinueWith(done => _starts.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private string FunctionArn => $"arn:aws:lambda:{WorkerEnvironment.Region}:{PseudoParameters.AccountId}:function:{_function.LogicalId}";

    private void Forget(List<Worker> dead)
    {
        foreach (var worker in dead)
            _ = RemoveAsync(worker).AsTask();
    }

    private async ValueTask RemoveAsync(Worker worker)
    {
        if (_all.TryRemove(worker, out _))
            await worker.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_starts.Keys).ConfigureAwait(false);
        lock (_gate)
        {
            foreach (var waiter in _waiting) waiter.TrySetCanceled();
            _waiting.Clear();
        }
        await Task.WhenAll(_all.Keys.Select(worker => RemoveAsync(worker).AsTask())).ConfigureAwait(false);
        _stopping.Dispose();
        _slots.Dispose();
    }
}
