using System.Text.RegularExpressions;
using Dynamo.Load;
using Dynamo.Load.Reporting;
using Dynamo.Load.Scenarios;
using Dynamo.Local;
using Dynamo.Local.Store;

namespace Dynamo.EndToEnd.Tests;

/// <summary>
/// `dynamo load` against a local stack throttled low (stage rate 8/s, burst 4) with a write-capacity cap: the
/// gateway's 429s appear where the ramp passes the limit, the client's resends get every row in, and the
/// read-back proves it. Its own stack: the limits are the point of the test.
/// </summary>
[Collection(Name)]
public sealed partial class LoadTests : IAsyncLifetime
{
    public const string Name = "load on a throttled stack";

    private const int RateLimit = 8;
    private LocalStack stack = null!;

    public async Task InitializeAsync()
    {
        stack = await LocalStack.StartAsync(LocalStackFixture.Options(TextWriter.Null) with
        {
            Parameters = new Dictionary<string, string>
            {
                ["ThrottlingRateLimit"] = RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ThrottlingBurstLimit"] = "4",
                ["MaxWriteRequestUnits"] = "1000",
            },
        });
    }

    public async Task DisposeAsync() => await stack.DisposeAsync();

    [Fact]
    public async Task A_ramp_past_the_stage_throttle_finds_the_onset_near_the_limit_and_loses_nothing()
    {
        using var dynamo = LocalDynamoDbClient.Create(stack.Endpoints.DynamoDb);
        var options = new LoadOptions
        {
            Api = stack.Endpoints.Api,
            Dataset = "readings",
            Scenario = Scenario.Ramp,
            Rate = 3,
            RampTo = 20,
            Duration = TimeSpan.FromSeconds(8),
            RowsPerRequest = 20,
            Seed = 12,
            Drain = TimeSpan.FromMinutes(2),
            Cleanup = true,
        };

        var report = await new LoadRun(options, dynamo, TextWriter.Null, TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.True(report.Status.GetValueOrDefault("429") > 0, $"no 429 in {string.Join(", ", report.Status)}");
        Assert.NotNull(report.ThrottleOnsetRps);
        Assert.InRange(report.ThrottleOnsetRps!.Value, RateLimit, 2.5 * RateLimit);
        Assert.Equal((0, 0, 0), (report.Lost, report.Corrupted, report.Duplicated));
        Assert.Equal(report.RowsSent, report.RowsVerified);
        Assert.Equal(report.RowsSent, report.CleanedUp);

        var directory = Directory.CreateTempSubdirectory("dynamo-load-e2e-");
        try
        {
            await ReportFiles.WriteAsync(report, directory.FullName, CancellationToken.None);
            var html = await File.ReadAllTextAsync(Path.Combine(directory.FullName, ReportFiles.Html));
            Assert.Equal(4, EmbeddedChart().Count(html));
            Assert.Contains($"Throttling started at {report.ThrottleOnsetRps:0} requests/s offered", html, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [GeneratedRegex("<img [^>]*src=\"data:image/png;base64,")]
    private static partial Regex EmbeddedChart();
}

/// <summary>Runs alone: other tests' traffic on the machine would move the throttle onset it measures.</summary>
[CollectionDefinition(LoadTests.Name, DisableParallelization = true)]
public sealed class ThrottledLoadRuns;
