using System.Net;
using System.Text;
using System.Text.Json;
using Dynamo.Load;
using Dynamo.Load.Reporting;
using Dynamo.Load.Scenarios;
using Dynamo.Local.Store;

namespace Dynamo.EndToEnd.Tests.Console;

/// <summary>
/// The console as a person sees it: tests/console-browser/console-check.mjs (Playwright, playwright-core, driving the
/// system Chromium headless) reads the page of a stack that took a load run, a 200, a 207 and a burst past the stage's
/// bucket; its figures must be the access log's, its log filters must find a request's lines, its PartiQL box must show
/// a SELECT's rows, and the load report must open in place. The screenshot it takes is docs/console.png's source.
/// </summary>
[Collection(ConsoleStackTests.Name)]
public sealed class ConsoleBrowserTests(ConsoleStackFixture fixture)
{
    [Fact]
    public async Task The_console_shows_the_access_logs_figures_filters_its_lines_runs_a_select_and_opens_a_load_report()
    {
        var prefix = "console-" + Guid.NewGuid().ToString("N")[..8];
        using (var dynamo = LocalDynamoDbClient.Create(fixture.Stack.Endpoints.DynamoDb))
        {
            var report = await new LoadRun(new LoadOptions
            {
                Api = fixture.Stack.Endpoints.Api,
                Dataset = "orders",
                Scenario = Scenario.Steady,
                Rate = 2,
                Duration = TimeSpan.FromSeconds(2),
                RowsPerRequest = 5,
                Seed = 29,
                Drain = TimeSpan.FromMinutes(1),
            }, dynamo, TextWriter.Null, TimeProvider.System).RunAsync(CancellationToken.None);
            await ReportFiles.WriteAsync(report, Path.Combine(fixture.Reports.FullName, "load-report"), CancellationToken.None);
        }
        var stored = $"{prefix}-stored";
        using (var ok = await fixture.Http.PostAsync("datasets/orders/rows", Json($$"""{"rows":[{{Order(stored)}}]}""")))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        string partialRequestId;
        using (var partial = await fixture.Http.PostAsync("datasets/orders/rows", Json($$"""{"rows":[{{Order(prefix + "-partial")}},{"orderId":"{{prefix}}-bad"}]}""")))
        {
            Assert.Equal(HttpStatusCode.MultiStatus, partial.StatusCode);
            partialRequestId = partial.Headers.GetValues("x-amzn-RequestId").Single();
        }
        var burst = await Task.WhenAll(Enumerable.Range(0, 4 * ConsoleStackFixture.StageLimit).Select(async _ =>
        {
            using var response = await fixture.Http.GetAsync("health");
            return response.StatusCode;
        }));
        Assert.Contains(HttpStatusCode.TooManyRequests, burst);

        var log = await fixture.SettledAccessLogAsync(atLeast: 2 + burst.Length);
        var screenshot = Path.Combine(RepositoryRoot.Find(), "artifacts", "console", "console.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        var statement = $"SELECT orderId, amount FROM \"orders\" WHERE orderId = '{stored}'";
        var output = await CommonSh.RunAsync(
            $"ensure_browser_libraries && ensure_console_browser_test && cd tests/console-browser && node console-check.mjs {Quote(fixture.Console.ToString())} {log.Count} {Quote(partialRequestId)} {Quote(statement)} {Quote(screenshot)}");
        var page = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;

        Assert.Empty(page.GetProperty("problems").EnumerateArray());
        var stats = page.GetProperty("stats");
        long Stat(string name) => long.Parse(stats.GetProperty(name).GetString()!.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        int Status(JsonElement line) => line.GetProperty("status").GetInt32();
        Assert.Equal(log.Count, Stat("stage.Count"));
        Assert.Equal(log.Count(line => Status(line) is >= 200 and < 300), Stat("stage.2xx"));
        Assert.Equal(log.Count(line => Status(line) == 207), Stat("stage.207"));
        Assert.Equal(log.Count(line => Status(line) is >= 400 and < 500), Stat("stage.4XXError"));
        Assert.Equal(log.Count(line => Status(line) >= 500), Stat("stage.5XXError"));
        var stageRefusals = log.Count(line => Status(line) == 429 && line.TryGetProperty("limit", out var limit) && limit.GetString() == "stage");
        Assert.True(stageRefusals > 0);
        Assert.Equal(stageRefusals, Stat("stage.429.stage"));
        bool Invoked(JsonElement line, string path) => line.TryGetProperty("integrationRequestId", out _) && line.GetProperty("path").GetString()!.EndsWith(path, StringComparison.Ordinal);
        Assert.Equal(log.Count(line => Invoked(line, "/rows")), Stat("function.IngestFunction.Invocations"));
        Assert.Equal(log.Count(line => Invoked(line, "/health")), Stat("function.HealthFunction.Invocations"));
        Assert.Equal(4, page.GetProperty("charts").GetInt32());

        // The 429 filter keeps exactly the access log's 429s; the request-id filter finds the 207's access line and its function's lines.
        var throttled = page.GetProperty("throttled").EnumerateArray().ToList();
        Assert.All(throttled, line => Assert.Equal("429", line.GetProperty("status").GetString()));
        Assert.Equal(
            log.Where(line => Status(line) == 429).Select(line => line.GetProperty("requestId").GetString()).Order(),
            throttled.Where(line => line.GetProperty("source").GetString() == "access").Select(line => line.GetProperty("requestId").GetString()).Order());
        var story = page.GetProperty("oneRequest").EnumerateArray().ToList();
        Assert.Single(story, line => line.GetProperty("source").GetString() == "access" && line.GetProperty("status").GetString() == "207");
        Assert.Contains(story, line => line.GetProperty("source").GetString() == "function" && line.GetProperty("text").GetString()!.Contains("\"invalid\":1", StringComparison.Ordinal));

        var query = page.GetProperty("query");
        Assert.Equal(["orderId", "amount"], query.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal([stored, "1"], Assert.Single(query.GetProperty("cells").EnumerateArray()).EnumerateArray().Select(c => c.GetString()));

        Assert.Equal(["load-report"], page.GetProperty("reportLinks").EnumerateArray().Select(l => l.GetString()));
        Assert.StartsWith("dynamo load: load-", page.GetProperty("report").GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, page.GetProperty("report").GetProperty("images").GetInt32());
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    private static string Order(string id) =>
        $$"""{"orderId":"{{id}}","customer":"c","amount":1,"status":"paid","createdAt":"2026-03-14T15:09:26Z"}""";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
