using Dynamo.Client.Tests.Scripting;
using Dynamo.Contracts;

namespace Dynamo.Client.Tests;

/// <summary>Stale and conflict rows of a versioned dataset: settled at once, counted, never resent.</summary>
public class VersionedStatusTests
{
    private const string StoredHash = "9f2c4e0a7b1d3c5e9f2c4e0a7b1d3c5e9f2c4e0a7b1d3c5e9f2c4e0a7b1d3c5e";

    private static RowResult Stale() => new() { Index = 0, Status = RowStatus.Stale };
    private static RowResult Conflict() => new() { Index = 0, Status = RowStatus.Conflict, StoredHash = StoredHash };
    private static RowResult Retry() => new() { Index = 0, Status = RowStatus.Retry, Reason = RetryReasons.Throttled };

    [Fact]
    public async Task Stale_and_conflict_rows_are_counted_and_only_the_retry_rows_are_resent()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => request.Number == 1
            ? api.AnswerRowsAsync(context, request, 207, new Dictionary<int, RowResult>
            {
                [1] = Stale(), [2] = Conflict(), [3] = Retry(), [4] = Stale(),
            }, retryAfterMs: 500)
            : api.StoreAllAsync(context, request));

        var result = await harness.SendAsync(Rows.Numbered(6), harness.Options());

        var requests = harness.Api.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(["r-3"], requests[1].Ids);
        Assert.Equal((3L, 2L, 1L, 0L, 0L), (result.Stored, result.Stale, result.Conflict, result.Invalid, result.Unstored));
        Assert.Empty(result.InvalidRows);
        Assert.True(result.AllValidRowsStored);
    }

    [Fact]
    public async Task A_conflict_row_is_reported_with_a_reason_that_names_the_stored_hash()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) =>
            api.AnswerRowsAsync(context, request, 207, new Dictionary<int, RowResult> { [1] = Conflict() }));

        var result = await harness.SendAsync(Rows.Numbered(3), harness.Options());

        var conflict = Assert.Single(result.ConflictRows);
        Assert.Equal(1, conflict.Position);
        Assert.Equal("r-1", conflict.Row.GetProperty("id").GetString());
        Assert.Equal(StoredHash, conflict.StoredHash);
        Assert.Equal($"conflict: the table holds this version with other content, stored hash {StoredHash}", conflict.Reason);
    }

    [Fact]
    public async Task Stale_and_conflict_rows_count_as_settled_and_each_conflict_is_reported_once()
    {
        // Every request's second row is stale and its third a conflict.
        await using var harness = await ClientHarness.StartAsync((api, request, context) =>
            api.AnswerRowsAsync(context, request, 207, new Dictionary<int, RowResult> { [1] = Stale(), [2] = Conflict() }));
        var progress = new List<SendProgress>();

        var result = await harness.SendAsync(Rows.Numbered(12), harness.Options(o => o with { MaxRowsPerRequest = 4, Concurrency = 2 }),
            new SynchronousProgress(progress));

        var reported = progress.SelectMany(p => p.NewConflictRows).Select(r => r.Position).Order().ToList();
        Assert.Equal([2L, 6, 10], reported);
        Assert.Equal(result.ConflictRows.Select(r => r.Position), reported);
        var last = progress[^1];
        Assert.Equal((6L, 3L, 3L, 12L, 12L), (last.RowsStored, last.RowsStale, last.RowsConflict, last.RowsSettled, last.SettledThrough));
        Assert.Equal(3, harness.Api.Requests.Count);
    }

    [Fact]
    public async Task A_key_whose_row_came_back_stale_is_free_for_its_next_row_at_once()
    {
        // Two versions of one key in two requests: the second waits until the first settles, and a stale answer
        // settles it. Were the key not released, the send would hang.
        await using var harness = await ClientHarness.StartAsync((api, request, context) => request.Number == 1
            ? api.AnswerRowsAsync(context, request, 200, new Dictionary<int, RowResult> { [0] = Stale() })
            : api.StoreAllAsync(context, request));

        var result = await harness.SendAsync(Rows.Of(Rows.Row("k", 1), Rows.Row("k", 2)),
            harness.Options(o => o with { MaxRowsPerRequest = 1, Concurrency = 2 }));

        Assert.Equal([1, 2], harness.Api.Requests.Select(r => r.Rows[0].GetProperty("v").GetInt32()));
        Assert.Equal((1L, 1L), (result.Stored, result.Stale));
    }
}
