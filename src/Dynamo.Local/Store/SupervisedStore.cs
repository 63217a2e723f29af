using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Dynamo.Local.Processes;

namespace Dynamo.Local.Store;

/// <summary>
/// DynamoDB Local as the local stack runs it: when java ends without being stopped (killed, crashed, out of
/// memory), it is started again on the same port with the same data folder and prepared again (the stack ensures
/// its tables), so everything pointed at it (the capacity proxy, the functions behind it, <c>dynamo query</c>)
/// reaches it again without restarting the stack. While it is down its callers get connection refused: the
/// functions answer 503 with Retry-After and the client resends. A store kept in memory comes back empty.
/// </summary>
public sealed class SupervisedStore : IAsyncDisposable
{
    // Between attempts when a start fails (the port still held by a dying process, a JVM that did not come up).
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);

    private readonly DynamoDbLocalOptions _options;
    private readonly Func<IAmazonDynamoDB, CancellationToken, Task> _prepare;
    private readonly Action<string> _console;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _supervision;
    private volatile DynamoDbLocal _current;
    private int _restarts;

    private SupervisedStore(DynamoDbLocalOptions options, DynamoDbLocal first, Func<IAmazonDynamoDB, CancellationToken, Task> prepare, Action<string> console)
    {
        _options = options;
        _current = first;
        _prepare = prepare;
        _console = console;
        Port = first.Port;
        _supervision = SuperviseAsync();
    }

    /// <summary>The PID of the java running now (it changes when the store is started again).</summary>
    public int ProcessId => _current.ProcessId;
    /// <summary>Fixed for the life of the stack: a restarted store listens where the first one did.</summary>
    public int Port { get; }
    public Uri Endpoint => new($"http://127.0.0.1:{Port}");
    /// <summary>How many times the store was started again after it ended on its own.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>
    /// Starts DynamoDB Local (a free port unless <paramref name="options"/> names one), runs
    /// <paramref name="prepare"/> on it, and from then on starts it again whenever it ends on its own.
    /// </summary>
    public static async Task<SupervisedStore> StartAsync(DynamoDbLocalOptions options, Func<IAmazonDynamoDB, CancellationToken, Task> prepare,
        Action<string> console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(prepare);
        ArgumentNullException.ThrowIfNull(console);
        var first = await StartPreparedAsync(options, prepare, cancellationToken).ConfigureAwait(false);
        return new SupervisedStore(options with { Port = first.Port }, first, prepare, console);
    }

    /// <summary>A client of the store, with dummy credentials as DynamoDB Local accepts any.</summary>
    public IAmazonDynamoDB CreateClient(Action<AmazonDynamoDBConfig>? configure = null) =>
        LocalDynamoDbClient.Create(Endpoint, configure);

    private static async Task<DynamoDbLocal> StartPreparedAsync(DynamoDbLocalOptions options, Func<IAmazonDynamoDB, CancellationToken, Task> prepare,
        CancellationToken cancellationToken)
    {
        var store = await DynamoDbLocal.StartAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            using var client = store.CreateClient();
            await prepare(client, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task SuperviseAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            while (true)
            {
                var ended = _current;
                var status = await ended.Exited.WaitAsync(stopping).ConfigureAwait(false);
                await ended.DisposeAsync().ConfigureAwait(false);
                _console(string.Create(CultureInfo.InvariantCulture,
                    $"DynamoDB Local (pid {ended.ProcessId}) ended ({OwnedProcess.DescribeExit(status)}); starting it again on port {Port}{(_options.DataDirectory is null ? ": the data it held in memory is lost" : "")}"));
                var down = Stopwatch.StartNew();
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        _current = await StartPreparedAsync(_options, _prepare, stopping).ConfigureAwait(false);
                        break;
                    }
                    catch (Exception e) when (!stopping.IsCancellationRequested)
                    {
                        _console($"DynamoDB Local did not start again on port {Port} (attempt {attempt}: {e.Message}); trying again");
                        await Task.Delay(RetryPause, stopping).ConfigureAwait(false);
                    }
                }
                Interlocked.Increment(ref _restarts);
                _console(string.Create(CultureInfo.InvariantCulture,
                    $"DynamoDB Local is back on port {Port} (pid {_current.ProcessId}) after {down.Elapsed.TotalSeconds:0.0} s"));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped with the stack.
        }
    }

    /// <summary>Stops supervising, then stops java.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _supervision.ConfigureAwait(false);
        await _current.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
