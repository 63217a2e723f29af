using Dynamo.Local.Processes;

namespace Dynamo.Local.Workers;

/// <summary>
/// One sandbox of a function: the functions executable as a child process, polling a runtime API server of its
/// own. Owning its server is what lets a crash fail exactly the invocation the dead process was running, as
/// Lambda does (Runtime.ExitError). One invocation at a time.
/// </summary>
internal sealed class Worker : IAsyncDisposable
{
    /// <summary>Lambda's error type when the runtime process ended during an invocation.</summary>
    public const string ExitError = "Runtime.ExitError";

    private readonly RuntimeApiServer _server;
    private readonly OwnedProcess _process;
    private readonly CancellationTokenSource _gone = new();
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    private Worker(RuntimeApiServer server, OwnedProcess process)
    {
        _server = server;
        _process = process;
        _ = CancelWhenGoneAsync();
    }

    /// <summary>How long the Init phase took: from starting the process to the runtime's first poll (or its failure).</summary>
    public TimeSpan InitDuration { get; private set; }

    /// <summary>When the Init phase ended (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long InitializedAt { get; private set; } = long.MaxValue;

    /// <summary>The runtime reported <c>/runtime/init/error</c>: this sandbox never serves an invocation.</summary>
    public bool InitFailed => _server.InitError.IsCompleted;

    /// <summary>
    /// Waits for the end of the Init phase: the runtime's first poll for an event, its init error, or the process
    /// ending. Whichever it is, an invocation given to this worker then ends as Lambda's would.
    /// </summary>
    public async Task WaitInitializedAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAny(_server.FirstPoll, _server.InitError, _process.Exited).WaitAsync(cancellationToken).ConfigureAwait(false);
        InitializedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        InitDuration = System.Diagnostics.Stopwatch.GetElapsedTime(_started, InitializedAt);
    }

    private async Task CancelWhenGoneAsync()
    {
        await _process.Exited.ConfigureAwait(false);
        try { await _gone.CancelAsync().ConfigureAwait(false); }
        catch (ObjectDisposedException) { }
    }

    public int ProcessId => _process.ProcessId;

    public bool IsAlive => !_process.HasExited;

    /// <summary>Starts the process; invocations queue on its server until the runtime first polls.</summary>
    public static async Task<Worker> StartAsync(FunctionsExecutable executable, IReadOnlyDictionary<string, string> environment,
        string functionArn, Action<string> onLine, CancellationToken cancellationToken)
    {
        var server = await RuntimeApiServer.StartAsync(new RuntimeApiServerOptions { FunctionArn = functionArn }, cancellationToken).ConfigureAwait(false);
        try
        {
            var start = executable.StartInfo();
            start.Environment.Clear();
            foreach (var (name, value) in environment)
                start.Environment[name] = value;
            start.Environment["AWS_LAMBDA_RUNTIME_API"] = server.RuntimeApi;
            var process = await OwnedProcess.StartAsync(start, onLine, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new Worker(server, process);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs one invocation; if the process ends first, the result is Lambda's Runtime.ExitError.</summary>
    public async Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> payload, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        // Lambda fails the invocation that meets a failed Init with the runtime's init error.
        if (_server.InitError is { IsCompletedSuccessfully: true } initError)
            return new InvocationResult { RequestId = Guid.NewGuid().ToString(), Error = await initError.ConfigureAwait(false) };
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _gone.Token);
        try
        {
            return await _server.InvokeAsync(payload, deadline, cancellationToken: linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_gone.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var requestId = Guid.NewGuid().ToString();
            return new InvocationResult
            {
                RequestId = requestId,
                Error = new FunctionError
                {
                    ErrorType = ExitError,
                    ErrorMessage = $"RequestId: {requestId} Error: Runtime exited with error: {OwnedProcess.DescribeExit(await _process.Exited.ConfigureAwait(false))}",
                },
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
        _gone.Dispose();
    }
}
