using System.Net;
using System.Text;
using Dynamo.Local;

namespace Dynamo.EndToEnd.Tests.Capacity;

/// <summary>
/// A local stack of its own, started with template parameters the shared stack must not have: a write capacity
/// (MaxWriteRequestUnits) and a short IntegrationTimeoutMs, so that DynamoDB's limits and the deadline show within
/// seconds. Its console is kept for assertions on the capacity report.
/// </summary>
public abstract class CapacityStackFixture : IAsyncLifetime, IDisposable
{
    private readonly StringWriter _console = new(new StringBuilder());

    public LocalStack Stack { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public string Console { get { lock (_console) return _console.ToString(); } }

    /// <summary>The template parameters this stack runs with.</summary>
    protected abstract IReadOnlyDictionary<string, string> Parameters { get; }

    public async Task InitializeAsync()
    {
        Stack = await LocalStack.StartAsync(LocalStackFixture.Options(TextWriter.Synchronized(_console)) with { Parameters = Parameters });
        Http.BaseAddress = new Uri(Stack.Endpoints.Api + "/");
        // The first request starts the authorizer's and the ingest function's workers; the gateway's clock runs
        // meanwhile, the function's does not, which a short integration timeout cannot absorb. Tests start warm.
        using var warmUp = await Http.PostAsync("datasets/orders/rows", IngestCalls.Json(IngestCalls.Body(OrderRows.Create("warm-up-" + Guid.NewGuid().ToString("N")[..8], 1))));
        Assert.Equal(HttpStatusCode.OK, warmUp.StatusCode);
        await PrepareAsync();
    }

    /// <summary>What a fixture does to its stack before the tests, once it is warm.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Stack.DisposeAsync();

    public void Dispose()
    {
        Http.Dispose();
        _console.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The write-capacity stacks start one at a time (each is a DynamoDB Local, a proxy and workers); they may run
/// beside the shared stack's collection.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CapacityStackTests
{
    public const string Name = "write capacity stacks";
}
