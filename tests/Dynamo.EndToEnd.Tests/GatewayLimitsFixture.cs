using System.Net;
using System.Text;
using Dynamo.Local;

namespace Dynamo.EndToEnd.Tests;

/// <summary>
/// A second, small stack with tight limits from template parameters, for the statuses the shared stack's defaults
/// never produce: ingest capped at one concurrent invocation, a 5 s integration timeout, a stage bucket of 20 at
/// 20 per second, a Unix socket for callers without an IP, and the ingest function run with DYNAMO_STAGE=local so
/// its test-only fault headers work (LocalFaultFilter).
/// </summary>
public sealed class GatewayLimitsFixture : IAsyncLifetime, IDisposable
{
    // Short for a fast 504, yet long enough for a warm one-row ingest on a loaded machine.
    public const int IntegrationTimeoutMs = 5000;
    public const int BurstLimit = 20;
    private readonly StringWriter _console = new(new StringBuilder());

    public LocalStack Stack { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };
    public string UnixSocketPath { get; } = Path.Combine(Path.GetTempPath(), $"dynamo-gateway-{Guid.NewGuid():N}.sock");
    public string Console { get { lock (_console) return _console.ToString(); } }

    public async Task InitializeAsync()
    {
        Stack = await LocalStack.StartAsync(LocalStackFixture.Options(TextWriter.Synchronized(_console)) with
        {
            Parameters = new Dictionary<string, string>
            {
                ["ReservedConcurrency"] = "1",
                ["IntegrationTimeoutMs"] = IntegrationTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ThrottlingRateLimit"] = "20",
                ["ThrottlingBurstLimit"] = BurstLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            FunctionEnvironment = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["IngestFunction"] = new Dictionary<string, string> { ["DYNAMO_STAGE"] = "local" },
            },
            UnixSocketPath = UnixSocketPath,
        });
        Http.BaseAddress = new Uri(Stack.Endpoints.Api + "/");

        // Warm the authorizer and the one ingest worker: a cold start may outlast the short timeout (504), and
        // the worker is free again once its invocation ends.
        using (var _ = await Http.GetAsync("datasets")) { }
        using (var _ = await Http.PostAsync("datasets/orders/rows", GatewayTests.Json(GatewayTests.OneOrder("warm")))) { }
        await IngestIdleAsync();
    }

    /// <summary>Waits until no ingest invocation runs (a timed-out one ends when the function does).</summary>
    public async Task IngestIdleAsync()
    {
        // A cold start on a busy machine can take several seconds; 60 s is far beyond any of them.
        for (var i = 0; i < 600 && Stack.Workers.RunningInvocations("IngestFunction") > 0; i++)
            await Task.Delay(100);
        Assert.Equal(0, Stack.Workers.RunningInvocations("IngestFunction"));
    }

    /// <summary>Waits until the stage's bucket admits requests again after a test emptied it.</summary>
    public async Task BucketRefilledAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            using var response = await Http.GetAsync("health");
            if (response.StatusCode != HttpStatusCode.TooManyRequests) return;
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        await Stack.DisposeAsync();
        File.Delete(UnixSocketPath);
    }

    public void Dispose()
    {
        Http.Dispose();
        _console.Dispose();
    }
}

// Run alone, after the parallel collections: its timeouts stay meaningful and its stack does not slow theirs.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TightGatewayLimits : ICollectionFixture<GatewayLimitsFixture>
{
    public const string Name = "gateway limits stack";
}
