using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dynamo.Contracts;
using Dynamo.EndToEnd.Tests.Capacity;
using Dynamo.Local;

namespace Dynamo.EndToEnd.Tests;

/// <summary>
/// A stack whose ingest and health functions reach DynamoDB at a port where nothing listens: a socket is bound
/// there and never listens, so each connection is refused at once, as while the store is down (and nothing else
/// can take the port meanwhile). The rest of the stack, the authorizer and the gateway, is as usual.
/// </summary>
public sealed class StoreDownFixture : IAsyncLifetime, IDisposable
{
    private readonly Socket _refusing = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly StringWriter _console = new(new StringBuilder());

    public LocalStack Stack { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public async Task InitializeAsync()
    {
        _refusing.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var down = new Dictionary<string, string> { ["DYNAMODB_ENDPOINT"] = $"http://127.0.0.1:{((IPEndPoint)_refusing.LocalEndPoint!).Port}" };
        Stack = await LocalStack.StartAsync(LocalStackFixture.Options(TextWriter.Synchronized(_console)) with
        {
            FunctionEnvironment = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["IngestFunction"] = down,
                ["HealthFunction"] = down,
            },
        });
        Http.BaseAddress = new Uri(Stack.Endpoints.Api + "/");
    }

    public async Task DisposeAsync() => await Stack.DisposeAsync();

    public void Dispose()
    {
        Http.Dispose();
        _refusing.Dispose();
        _console.Dispose();
    }
}

/// <summary>
/// The functions' own 503s while the store cannot be reached (docs/http-api.md): the ingest answer, with every row
/// retry store-error and a Retry-After header, and the health check's JSON error. Not API Gateway's 503 (no
/// function capacity, GatewayLimitsTests): these bodies are the functions'.
/// </summary>
[Collection(LocalStackTests.Name)]
public sealed class StoreDownTests(StoreDownFixture stack) : IClassFixture<StoreDownFixture>
{
    [Fact]
    public async Task Rows_that_reach_no_store_are_the_ingest_functions_503_with_Retry_After_and_every_row_retry_store_error()
    {
        var rows = OrderRows.Create("down-" + Guid.NewGuid().ToString("N")[..8], 12);

        var answer = await IngestCalls.PostAsync(stack.Http, "orders", rows);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal(new IngestSummary(Received: 12, Stored: 0, Invalid: 0, Duplicate: 0, Retry: 12), answer.Body.Summary);
        Assert.False(answer.Body.Complete);
        Assert.Equal(Enumerable.Range(0, 12), answer.Body.Rows.Select(r => r.Index));
        Assert.All(answer.Body.Rows, r => Assert.Equal((RowStatus.Retry, RetryReasons.StoreError), (r.Status, r.Reason)));
        // Retry-After counts whole seconds of the body's retryAfterMs, at least 1.
        Assert.NotNull(answer.Body.RetryAfterMs);
        Assert.NotNull(answer.RetryAfterSeconds);
        Assert.Equal((answer.Body.RetryAfterMs!.Value + 999) / 1000, answer.RetryAfterSeconds);
        Assert.True(answer.RetryAfterSeconds >= 1);
    }

    [Fact]
    public async Task Health_is_the_health_functions_503_with_a_json_error_naming_the_store()
    {
        using var response = await stack.Http.GetAsync("health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ServiceUnavailableException", body.GetProperty("type").GetString());
        Assert.StartsWith("The store is unavailable", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
