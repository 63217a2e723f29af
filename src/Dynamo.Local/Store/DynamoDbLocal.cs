using System.Diagnostics;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace Dynamo.Local.Store;

/// <summary>
/// One DynamoDB Local process (Java 17), started on a free port and stopped by its PID. A shell watchdog
/// owns the java process (which dies with it through PR_SET_PDEATHSIG) and ends it when this .NET process
/// dies, even by SIGKILL, so no java outlives the stack or a cancelled test run.
/// </summary>
public sealed class DynamoDbLocal : IAsyncDisposable
{
    // $1 = the PID to outlive; the rest is the java command line. Prints the java PID first.
    private const string Watchdog = """
        parent=$1; shift
        setpriv --pdeathsig KILL -- "$@" &
        child=$!
        echo "pid $child"
        trap 'kill $child 2>/dev/null; exit 0' TERM INT HUP
        while kill -0 "$parent" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 0.5; done
        kill $child 2>/dev/null
        wait $child 2>/dev/null
        """;

    private readonly Process _watchdog;
    private readonly OutputTail _output;

    private DynamoDbLocal(Process watchdog, OutputTail output, int javaPid, int port)
    {
        _watchdog = watchdog;
        _output = output;
        ProcessId = javaPid;
        Port = port;
    }

    public int ProcessId { get; }
    public int Port { get; }
    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts DynamoDB Local and returns once this very process answers on its port.</summary>
    public static async Task<DynamoDbLocal> StartAsync(DynamoDbLocalOptions options, CancellationToken cancellationToken = default)
    {
        var jar = Path.Combine(options.InstallDirectory, "DynamoDBLocal.jar");
        if (!File.Exists(jar))
            throw new FileNotFoundException($"DynamoDB Local is not installed at {options.InstallDirectory}: run scripts/fetch-dynamodb-local.sh.", jar);

        // A port picked free may be taken before java binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port != 0 ? options.Port : FreePort.Next();
            var instance = Launch(options, port);
            try
            {
                await instance.WaitUntilReadyAsync(options.StartTimeout, cancellationToken);
                return instance;
            }
            catch (Exception) when (attempt < 3 && options.Port == 0 && !cancellationToken.IsCancellationRequested)
            {
                await instance.DisposeAsync();
            }
            catch
            {
                await instance.DisposeAsync();
                throw;
            }
        }
    }

    private static DynamoDbLocal Launch(DynamoDbLocalOptions options, int port)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.InstallDirectory,
        };
        foreach (var arg in new[] { "-c", Watchdog, "dynamodb-local-watchdog", options.OwnerProcessId.ToString() })
            psi.ArgumentList.Add(arg);
        psi.ArgumentList.Add("java");
        psi.ArgumentList.Add("-Xmx512m");
        psi.ArgumentList.Add($"-Djava.library.path={Path.Combine(options.InstallDirectory, "DynamoDBLocal_lib")}");
        psi.ArgumentList.Add("-jar");
        psi.ArgumentList.Add(Path.Combine(options.InstallDirectory, "DynamoDBLocal.jar"));
        psi.ArgumentList.Add("-port");
        psi.ArgumentList.Add(port.ToString());
        psi.ArgumentList.Add("-sharedDb");
        if (options.DataDirectory is null)
        {
            psi.ArgumentList.Add("-inMemory");
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            psi.ArgumentList.Add("-dbPath");
            psi.ArgumentList.Add(options.DataDirectory);
        }
        psi.ArgumentList.Add("-disableTelemetry");

        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start /bin/sh for DynamoDB Local.");
        var output = new OutputTail(process);
        if (!output.JavaPid.Wait(TimeSpan.FromSeconds(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"DynamoDB Local did not start: {output.Text}");
        }
        return new DynamoDbLocal(process, output, output.JavaPid.Result, port);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_watchdog.HasExited || !IsAlive(ProcessId))
                throw new InvalidOperationException($"DynamoDB Local exited during start-up on port {Port}: {_output.Text}");
            if (ListeningSockets.IsListening(ProcessId, Port))
            {
                if (await AnswersAsync(cancellationToken)) return;
            }
            else if (ListeningSockets.IsHeldByAnother(ProcessId, Port))
            {
                throw new InvalidOperationException($"Port {Port} is held by another process: DynamoDB Local cannot listen on it.");
            }
            if (stopwatch.Elapsed > timeout)
                throw new TimeoutException($"DynamoDB Local did not answer on port {Port} within {timeout.TotalSeconds:0} s: {_output.Text}");
            await Task.Delay(50, cancellationToken);
        }
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = CreateClient();
            await client.ListTablesAsync(new Amazon.DynamoDBv2.Model.ListTablesRequest { Limit = 1 }, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or SocketException or IOException)
        {
            return false;
        }
    }

    /// <summary>A client for this instance, with dummy credentials as DynamoDB Local accepts any.</summary>
    public IAmazonDynamoDB CreateClient(Action<AmazonDynamoDBConfig>? configure = null) =>
        LocalDynamoDbClient.Create(Endpoint, configure);

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    public async ValueTask DisposeAsync()
    {
        if (IsAlive(ProcessId))
        {
            try { Process.GetProcessById(ProcessId).Kill(); }
            catch (ArgumentException) { }
            catch (InvalidOperationException) { }
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _watchdog.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _watchdog.Kill(entireProcessTree: true);
        }
        _watchdog.Dispose();
    }

    /// <summary>
    /// Keeps the last lines the process printed, for error messages, and keeps its pipes drained; the
    /// watchdog's first line is the java PID.
    /// </summary>
    private sealed class OutputTail
    {
        private readonly Queue<string> _lines = new();
        private readonly TaskCompletionSource<int> _javaPid = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public OutputTail(Process process)
        {
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Task<int> JavaPid => _javaPid.Task;

        public string Text { get { lock (_lines) return string.Join(" | ", _lines); } }

        private void Add(string? line)
        {
            if (string.IsNullOrWhiteSpace(line)) return;
            if (!_javaPid.Task.IsCompleted && line.StartsWith("pid ", StringComparison.Ordinal)
                && int.TryParse(line.AsSpan(4), out var pid))
            {
                _javaPid.TrySetResult(pid);
                return;
            }
            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > 20) _lines.Dequeue();
            }
        }
    }
}
