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
        await WarmUpAsync();
        await PrepareAsync();
    }

    /// <summary>
    /// The first request starts the authorizer's and the ingest function's workers; the gateway's clock runs
    /// meanwhile, the function's does not, which a short integration timeout cannot absorb on a busy machine (the
    /// gateway answers 504 while the worker goes on starting). Tests start once a one-row POST answers 200.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var row = OrderRows.Create("warm-up-" + Guid.NewGuid().ToString("N")[..8], 1);
        var giveUp = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            using var content = IngestCalls.Json(IngestCalls.Body(row));
            using var response = await Http.PostAsync("datasets/orders/rows", content);
            if (response.StatusCode == HttpStatusCode.OK) return;
            Assert.True(DateTime.UtcNow < giveUp, $"the stack never answered the warm-up POST with 200 (last: {(int)response.StatusCode})");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
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
