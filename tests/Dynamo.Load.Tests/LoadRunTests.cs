using Dynamo.Load.Scenarios;
using Dynamo.Testing;

namespace Dynamo.Load.Tests;

public sealed class LoadRunTests
{
    [Fact]
    public async Task Every_offered_request_is_sent_and_counted_in_the_second_it_was_due()
    {
        await using var api = await InstantApi.StartAsync();
        var options = new LoadOptions
        {
            Api = api.Url,
            Dataset = "orders",
            Scenario = Scenario.Ramp,
            Rate = 10,
            RampTo = 30,
            Duration = TimeSpan.FromSeconds(2),
            RowsPerRequest = 5,
            SkipReadBack = true,
        };

        var report = await new LoadRun(options, dynamo: null, TextWriter.Null, TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.Equal(40, report.OfferedRequests);
        Assert.Equal(40, api.Posts);
        Assert.Equal(40, report.Requests);
        Assert.Equal(200, report.RowsSent);
        Assert.Equal(new Dictionary<string, long> { ["200"] = 40 }, report.Status);
        Assert.Equal(40, report.Windows.Sum(w => w.OfferedRps));
        Assert.Equal(200, report.Windows.Sum(w => w.RowsStored));
        Assert.True(report.Windows[0].OfferedRps < report.Windows[1].OfferedRps);
        Assert.Null(report.ThrottleOnsetRps);
        Assert.Equal(0, report.RowsUndelivered);
    }

    [Fact]
    public async Task An_unknown_dataset_stops_the_run_before_anything_is_sent()
    {
        await using var api = await InstantApi.StartAsync();
        var options = new LoadOptions { Api = api.Url, Dataset = "nope", Rate = 10, Duration = TimeSpan.FromSeconds(1), RowsPerRequest = 1 };

        var error = await Assert.ThrowsAsync<LoadSetupException>(() => new LoadRun(options, null, TextWriter.Null, TimeProvider.System).RunAsync(CancellationToken.None));

        Assert.Contains("orders", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, api.Posts);
    }
}
