using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Dynamo.Local.Processes;

namespace Dynamo.Local.Store;

/// <summary>
/// One DynamoDB Local process (Java 17), started on a free port and stopped by its PID. It runs as an
/// <see cref="OwnedProcess"/>, so no java outlives the stack or a cancelled test run, even one killed by SIGKILL.
/// </summary>
public sealed class DynamoDbLocal : IAsyncDisposable
{
    private readonly OwnedProcess _java;
    private readonly OutputTail _output;

    private DynamoDbLocal(OwnedProcess java, OutputTail output, int port)
    {
        _java = java;
        _output = output;
        ProcessId = java.ProcessId;
        Port = port;
    }

    public int ProcessId { get; }
    public int Port { get; }
    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    /// <summary>Completes with java's exit status when it ends, whoever ended it.</summary>
    public Task<int> Exited => _java.Exited;

    /// <summary>Starts DynamoDB Local and returns once this very process answers on its port.</summary>
    public static async Task<DynamoDbLocal> StartAsync(DynamoDbLocalOptions options, CancellationToken cancellationToken = default)
    {
        var jar = Path.Combine(options.InstallDirectory, "DynamoDBLocal.jar");
        if (!File.Exists(jar))
            throw new FileNotFoundException($"DynamoDB Local is not installed at {options.InstallDirectory}: run scripts/dynamo once to fetch it.", jar);

        // A port picked free may be taken before java binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port != 0 ? options.Port : FreePort.Next();
            var instance = await LaunchAsync(options, port, cancellationToken);
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

    private static async Task<DynamoDbLocal> LaunchAsync(DynamoDbLocalOptions options, int port, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("java") { WorkingDirectory = options.InstallDirectory };
        psi.ArgumentList.Add("-Xmx512m");
        // C1 only: DynamoDB Local answers in about a third of the time on a busy 2-core machine (measured 3.4-4.4 s
        // against 9.5-11 s).
        if (!options.SteadyStateJit) psi.ArgumentList.Add("-XX:TieredStopAtLevel=1");
        psi.ArgumentList.Add($"-Djava.library.path={Path.Combine(options.InstallDirectory, "DynamoDBLocal_lib")}");
        psi.ArgumentList.Add("-jar");
        psi.ArgumentList.Add(Path.Combine(options.InstallDirectory, "DynamoDBLocal.jar"));
        psi.ArgumentList.Add("-port");
        psi.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
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

        var output = new OutputTail();
        var java = await OwnedProcess.StartAsync(psi, output.Add, options.OwnerProcessId, cancellationToken).ConfigureAwait(false);
        return new DynamoDbLocal(java, output, port);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_java.HasExited)
                throw new InvalidOperationException($"DynamoDB Local exited during start-up on port {Port}: {_output.Text}");
            // /proc is read only once something accepts on the port: reading it 20 times a second costs a busy
            // machine CPU that the starting JVM needs (a store started again under load took tens of seconds).
            if (await AcceptsAsync(cancellationToken))
            {
                if (ListeningSockets.IsListening(ProcessId, Port))
                {
                    if (await AnswersAsync(cancellationToken)) return;
                }
                else if (ListeningSockets.IsHeldByAnother(ProcessId, Port))
                {
                    throw new PortInUseException(Port, "DynamoDB Local");
                }
            }
            if (stopwatch.Elapsed > timeout)
                throw new TimeoutException($"DynamoDB Local did not answer on port {Port} within {timeout.TotalSeconds:0} s: {_output.Text}");
            await Task.Delay(50, cancellationToken);
        }
    }

    private async Task<bool> AcceptsAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
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

    public ValueTask DisposeAsync() => _java.DisposeAsync();

    /// <summary>The last lines the process printed, for error messages.</summary>
    private sealed class OutputTail
    {
        private readonly Queue<string> _lines = new();

        public string Text { get { lock (_lines) return string.Join(" | ", _lines); } }

        public void Add(string line)
        {
            if (string.IsNullOrWhiteSpace(line)) return;
            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > 20) _lines.Dequeue();
            }
        }
    }
}
