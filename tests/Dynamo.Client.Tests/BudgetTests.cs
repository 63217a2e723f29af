using Dynamo.Client.Tests.Scripting;
using Dynamo.Contracts;

namespace Dynamo.Client.Tests;

public class BudgetTests
{
    [Fact]
    public async Task When_the_budget_runs_out_every_row_read_but_not_stored_is_reported_with_its_position()
    {
        // The first request stores rows 0-9; after that the store is down for good.
        await using var harness = await ClientHarness.StartAsync((api, request, context) => request.Ids[0] == "r-0"
            ? api.StoreAllAsync(context, request)
            : ScriptedApi.AnswerErrorAsync(context, 503, ErrorTypes.ServiceUnavailable, "store down", retryAfter: "3"));
        var budget = TimeSpan.FromSeconds(20);

        var result = await harness.SendAsync(Rows.Numbered(100),
            harness.Options(o => o with { MaxRowsPerRequest = 10, Concurrency = 2, TimeBudget = budget }));

        Assert.Equal(SendStop.BudgetExhausted, result.Stop);
        Assert.False(result.AllValidRowsStored);
        Assert.Equal(10, result.Stored);
        Assert.Equal(Enumerable.Range(10, (int)result.RowsRead - 10).Select(i => (long)i), result.UnstoredRows.Select(r => r.Position));
        Assert.All(result.UnstoredRows, r => Assert.Contains("503", r.Reason, StringComparison.Ordinal));
        Assert.True(result.RowsRead < 100, "rows past the rows in flight are not read");
        Assert.All(harness.Api.Requests, r => Assert.True(r.At <= harness.Start + budget));
        Assert.True(harness.Clock.GetUtcNow() - harness.Start >= budget);
    }

    [Fact]
    public async Task Cancelling_stops_like_the_budget_and_says_so()
    {
        using var cancel = new CancellationTokenSource();
        await using var harness = await ClientHarness.StartAsync((api, request, context) =>
        {
            cancel.Cancel();
            return ScriptedApi.AnswerErrorAsync(context, 429, ErrorTypes.Throttled, "slow down", retryAfter: "60");
        });

        var result = await harness.SendAsync(Rows.Numbered(5), harness.Options(), cancellationToken: cancel.Token);

        Assert.Equal(SendStop.Cancelled, result.Stop);
        Assert.Equal([0L, 1, 2, 3, 4], result.UnstoredRows.Select(r => r.Position));
    }
}
