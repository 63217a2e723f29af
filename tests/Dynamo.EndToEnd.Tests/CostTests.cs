using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dynamo.Cli.Commands;
using Dynamo.Local;
using Dynamo.Local.Costing;

namespace Dynamo.EndToEnd.Tests;

/// <summary>
/// `dynamo cost --json` against a stack of its own (console on a free port, data in memory, as `dynamo local
/// --in-memory` runs it): the quantities it prices are what was sent, and agree with the stack's own metrics.
/// </summary>
public sealed class CostTests : IAsyncLifetime, IDisposable
{
    private readonly StringWriter _console = new(new StringBuilder());
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private LocalStack _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await LocalStack.StartAsync(LocalStackFixture.Options(TextWriter.Synchronized(_console)) with { ConsolePort = 0 });
        _http.BaseAddress = new Uri(_stack.Endpoints.Api + "/");
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _console.Dispose();
    }

    [Fact]
    public async Task The_bill_prices_the_rows_requests_REPORT_lines_and_write_units_the_stack_measured()
    {
        var prefix = "cost-" + Guid.NewGuid().ToString("N")[..8];
        int[] requests = [100, 100, 50];
        var sent = 0;
        foreach (var count in requests)
        {
            var rows = Enumerable.Range(sent, count).Select(i => string.Create(CultureInfo.InvariantCulture,
                $$"""{"orderId":"{{prefix}}-{{i}}","customer":"ACME","amount":{{i}}.5,"status":"paid","createdAt":"2026-03-14T15:09:26Z"}"""));
            using var body = new StringContent($$"""{"rows":[{{string.Join(",", rows)}}]}""", Encoding.UTF8, "application/json");
            using var answer = await _http.PostAsync("datasets/orders/rows", body);
            Assert.Equal(200, (int)answer.StatusCode);
            sent += count;
        }
        // The capacity meter reports once a second: wait for the second that holds the last writes.
        var metrics = await SettledAsync(sent);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(), ["cost", "--console", _stack.WebConsole!.Page.ToString(), "--json"], output, error);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("", error.ToString());
        var report = JsonSerializer.Deserialize(output.ToString(), CostingJsonContext.Default.CostReport)!;
        var usage = report.Usage;
        var orders = usage.Tables.Single(t => t.Name == "orders");
        Assert.Equal(sent, report.Bill.Rows);
        Assert.Equal(sent, orders.RowsStored);
        Assert.Equal(requests.Length, usage.Api.BilledRequests);
        Assert.Equal(requests.Length, usage.Api.Requests);
        // One REPORT line per invocation: the ingest function's three, and the authorizer's, as the stack counted them.
        var ingest = usage.Functions.Single(f => f.Name == "IngestFunction");
        Assert.Equal(requests.Length, ingest.Invocations);
        Assert.Equal(1024, ingest.MemorySizeMb);
        Assert.InRange(ingest.MaxMemoryUsedMb, 1, 1024);
        foreach (var function in metrics.Functions)
            Assert.Equal((long)function.Metrics["Invocations"].Sum, usage.Functions.Single(f => f.Name == function.Name).Invocations);
        Assert.Equal(requests.Length, CountReportLines("IngestFunction"));
        // The write units are the capacity meter's (ConsumedWriteCapacityUnits); each small order is 1 WRU, and so is its row alone.
        Assert.Equal((long)metrics.Tables.Single(t => t.Name == "orders").Metrics["ConsumedWriteCapacityUnits"].Sum, orders.WriteUnits);
        Assert.Equal((sent, sent, sent), (orders.WriteUnits, orders.ItemsPut, orders.RowUnits));
        Assert.True(orders.ItemBytes > orders.RowBytes, "the system attributes are stored too");
        Assert.Equal(report.Prices.WriteUnitsPerMillion, report.Bill.FloorPerMillionRows);
        Assert.Equal(Prices.AsOf, report.PricesAsOf);
        Assert.True(report.Bill.TotalOverFloor > 1);
    }

    private int CountReportLines(string function)
    {
        string text;
        lock (_console) text = _console.ToString();
        return text.Split('\n').Count(line => line.StartsWith($"[{function}] REPORT RequestId: ", StringComparison.Ordinal));
    }

    /// <summary>The console's metrics once the rows are stored and the last second of writes was reported.</summary>
    private async Task<Dynamo.Local.Monitoring.MonitorSnapshot> SettledAsync(int rows)
    {
        var metrics = new Uri(_stack.WebConsole!.Endpoint, "/_console/api/metrics");
        Dynamo.Local.Monitoring.MonitorSnapshot snapshot = _stack.Monitor.Snapshot();
        for (var i = 0; i < 100; i++)
        {
            snapshot = _stack.Monitor.Snapshot();
            var orders = snapshot.Tables.Single(t => t.Name == "orders").Metrics;
            if (orders["RowsStored"].Sum >= rows && orders["ConsumedWriteCapacityUnits"].Sum >= rows) break;
            await Task.Delay(200);
        }
        using var answer = await _http.GetAsync(metrics);
        answer.EnsureSuccessStatusCode();
        return snapshot;
    }
}
