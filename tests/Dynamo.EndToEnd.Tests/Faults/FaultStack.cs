using System.Text;
using Amazon.DynamoDBv2;
using Dynamo.Local;
using Dynamo.Local.Store;

namespace Dynamo.EndToEnd.Tests.Faults;

/// <summary>
/// A local stack for one fault scenario: on ports fixed for its whole life and, unless kept in memory, with its rows
/// in a folder of its own, so that it (or its store alone) can be stopped and started again where it was, as
/// `dynamo local --data DIR --dynamodb-port PORT` would be. Its console is kept for assertions.
/// </summary>
internal sealed class FaultStack : IAsyncDisposable
{
    private readonly StringWriter _console = new(new StringBuilder());
    private readonly LocalStackOptions _options;
    private readonly DirectoryInfo? _data;

    private FaultStack(LocalStackOptions options, DirectoryInfo? data)
    {
        _options = options;
        _data = data;
    }

    public LocalStack Stack { get; private set; } = null!;
    public Uri Api => Stack.Endpoints.Api;
    /// <summary>DynamoDB Local itself, on the same port across restarts: what the read-back reads.</summary>
    public Uri DynamoDb => new($"http://127.0.0.1:{_options.StorePort}");
    public string Console { get { lock (_console) return _console.ToString(); } }

    public static async Task<FaultStack> StartAsync(IReadOnlyDictionary<string, string> parameters, bool persistent)
    {
        var data = persistent ? Directory.CreateTempSubdirectory("dynamo-faults-") : null;
        var stack = new FaultStack(LocalStackFixture.Options(TextWriter.Null) with
        {
            Port = FreePort.Next(),
            StorePort = FreePort.Next(),
            InMemory = !persistent,
            DataDirectory = data?.FullName,
            Parameters = parameters,
        }, data);
        try
        {
            await stack.StartStackAsync();
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
        return stack;
    }

    private async Task StartStackAsync() =>
        Stack = await LocalStack.StartAsync(_options with { Console = TextWriter.Synchronized(_console) });

    /// <summary>Stops the whole stack (gateway, workers, store) and starts it again on the same ports and data.</summary>
    public async Task RestartAsync()
    {
        await Stack.DisposeAsync();
        await StartStackAsync();
    }

    public IAmazonDynamoDB CreateStoreClient() => LocalDynamoDbClient.Create(DynamoDb);

    /// <summary>Waits until an ingest invocation runs: the load has reached the functions.</summary>
    public async Task IngestRunningAsync(CancellationToken cancellationToken)
    {
        while (Stack.Workers.RunningInvocations("IngestFunction") == 0)
            await Task.Delay(20, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Stack is not null)
            await Stack.DisposeAsync();
        _data?.Delete(recursive: true);
        _console.Dispose();
    }
}
