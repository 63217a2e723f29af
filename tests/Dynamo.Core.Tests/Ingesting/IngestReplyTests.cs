using System.Text.Json;
using Dynamo.Contracts;
using Dynamo.Core.Ingesting;

namespace Dynamo.Core.Tests.Ingesting;

public class IngestReplyTests
{
    private static RowResult Row(int index, RowStatus status, string? reason = null) => new()
    {
        Index = index,
        Key = new Dictionary<string, JsonElement> { ["orderId"] = JsonSerializer.SerializeToElement($"A-{index}", ContractsJsonContext.Default.String) },
        Status = status,
        Reason = reason,
        Errors = status == RowStatus.Invalid ? ["amount: expected number"] : null,
    };

    private static RowResult Stored(int i) => Row(i, RowStatus.Stored);
    private static RowResult Invalid(int i) => Row(i, RowStatus.Invalid);
    private static RowResult Duplicate(int i) => Row(i, RowStatus.Duplicate);
    private static RowResult Stale(int i) => Row(i, RowStatus.Stale);
    private static RowResult Conflict(int i) => Row(i, RowStatus.Conflict) with { StoredHash = "ab12" };
    private static RowResult Throttled(int i) => Row(i, RowStatus.Retry, RetryReasons.Throttled);
    private static RowResult StoreError(int i) => Row(i, RowStatus.Retry, RetryReasons.StoreError);
    private static RowResult Deadline(int i) => Row(i, RowStatus.Retry, RetryReasons.Deadline);

    private static IngestReply Reply(params RowResult[] rows) => IngestReply.From("req-1", "orders", rows);

    [Fact]
    public void Every_row_stored_is_200()
    {
        var reply = Reply(Stored(0), Stored(1));

        Assert.Equal(200, reply.StatusCode);
        Assert.True(reply.Body.Complete);
        Assert.Null(reply.Body.RetryAfterMs);
        Assert.Null(reply.RetryAfterSeconds);
        Assert.Empty(reply.Body.Rows);
    }

    [Fact]
    public void Stored_and_duplicate_rows_only_is_200()
    {
        var reply = Reply(Duplicate(0), Stored(1));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal([0], reply.Body.Rows.Select(r => r.Index));
    }

    [Fact]
    public void Stored_and_stale_rows_only_is_200_and_complete_and_lists_the_stale_ones()
    {
        var reply = Reply(Stale(0), Stored(1), Stale(2));

        Assert.Equal(200, reply.StatusCode);
        Assert.True(reply.Body.Complete);
        Assert.Equal(new IngestSummary(3, 1, 0, 0, 0, Stale: 2), reply.Body.Summary);
        Assert.Equal([0, 2], reply.Body.Rows.Select(r => r.Index));
    }

    [Fact]
    public void A_conflict_row_is_207_and_complete_and_carries_the_stored_hash()
    {
        var reply = Reply(Stored(0), Conflict(1));

        Assert.Equal(207, reply.StatusCode);
        Assert.True(reply.Body.Complete);
        Assert.Equal(1, reply.Body.Summary.Conflict);
        Assert.Equal("ab12", Assert.Single(reply.Body.Rows).StoredHash);
    }

    [Theory]
    [InlineData(RowStatus.Stale)]
    [InlineData(RowStatus.Conflict)]
    public void A_stale_or_conflict_row_rules_out_429_as_it_is_neither_invalid_nor_throttled(RowStatus status)
    {
        Assert.Equal(207, Reply(Row(0, status), Throttled(1)).StatusCode);
    }

    [Fact]
    public void Some_rows_stored_and_some_retry_is_207()
    {
        var reply = Reply(Stored(0), Throttled(1), StoreError(2), Deadline(3));

        Assert.Equal(207, reply.StatusCode);
        Assert.False(reply.Body.Complete);
        Assert.Null(reply.RetryAfterSeconds);
    }

    [Fact]
    public void Some_rows_stored_and_some_invalid_is_207_and_complete()
    {
        var reply = Reply(Stored(0), Invalid(1));

        Assert.Equal(207, reply.StatusCode);
        Assert.True(reply.Body.Complete);
        Assert.Null(reply.Body.RetryAfterMs);
    }

    [Fact]
    public void Every_row_invalid_is_207()
    {
        Assert.Equal(207, Reply(Invalid(0), Invalid(1)).StatusCode);
    }

    [Fact]
    public void Nothing_stored_because_the_store_throttled_every_row_is_429_with_Retry_After()
    {
        var reply = Reply(Throttled(0), Throttled(1));

        Assert.Equal(429, reply.StatusCode);
        Assert.Equal(5_000, reply.Body.RetryAfterMs);
        Assert.Equal(5, reply.RetryAfterSeconds);
    }

    [Fact]
    public void Invalid_rows_do_not_prevent_429_when_every_other_row_was_throttled()
    {
        Assert.Equal(429, Reply(Invalid(0), Throttled(1)).StatusCode);
    }

    [Fact]
    public void A_duplicate_row_rules_out_429_as_it_is_neither_invalid_nor_throttled()
    {
        Assert.Equal(207, Reply(Duplicate(0), Throttled(1)).StatusCode);
    }

    [Fact]
    public void Nothing_stored_because_the_store_failed_is_503_with_Retry_After()
    {
        var reply = Reply(StoreError(0), Invalid(1));

        Assert.Equal(503, reply.StatusCode);
        Assert.Equal(2, reply.RetryAfterSeconds);
    }

    [Fact]
    public void Nothing_stored_with_both_throttling_and_store_errors_is_503()
    {
        Assert.Equal(503, Reply(Throttled(0), StoreError(1)).StatusCode);
    }

    [Fact]
    public void Nothing_stored_only_because_time_ran_out_is_207()
    {
        Assert.Equal(207, Reply(Deadline(0), Deadline(1)).StatusCode);
        Assert.Equal(207, Reply(Throttled(0), Deadline(1)).StatusCode);
    }

    [Fact]
    public void The_summary_counts_every_status()
    {
        var reply = Reply(Stored(0), Stored(1), Invalid(2), Duplicate(3), Throttled(4), Deadline(5));

        Assert.Equal(new IngestSummary(Received: 6, Stored: 2, Invalid: 1, Duplicate: 1, Retry: 2), reply.Body.Summary);
    }

    [Fact]
    public void Rows_lists_every_row_not_stored_in_request_order_with_its_key_errors_and_reason()
    {
        var reply = Reply(Throttled(3), Stored(0), Invalid(1), Stored(2));

        Assert.Equal([1, 3], reply.Body.Rows.Select(r => r.Index));
        Assert.Equal(["amount: expected number"], reply.Body.Rows[0].Errors);
        Assert.Equal(RetryReasons.Throttled, reply.Body.Rows[1].Reason);
        Assert.Equal("A-3", reply.Body.Rows[1].Key!["orderId"].GetString());
    }

    [Fact]
    public void Rows_all_lists_every_row()
    {
        var reply = IngestReply.From("req-1", "orders", [Stored(1), Stored(0), Deadline(2)], listAllRows: true);

        Assert.Equal([0, 1, 2], reply.Body.Rows.Select(r => r.Index));
    }

    [Fact]
    public void The_wait_grows_with_the_share_of_throttled_rows()
    {
        var few = Reply([.. Enumerable.Range(0, 9).Select(Stored), Throttled(9)]).Body.RetryAfterMs;
        var half = Reply([.. Enumerable.Range(0, 5).Select(Stored), .. Enumerable.Range(5, 5).Select(Throttled)]).Body.RetryAfterMs;

        Assert.Equal(1_400, few);
        Assert.Equal(3_000, half);
    }

    [Fact]
    public void The_wait_is_that_of_the_worst_reason()
    {
        Assert.Equal(1_000, Reply(Stored(0), Deadline(1)).Body.RetryAfterMs);
        Assert.Equal(2_000, Reply(Stored(0), Stored(1), Stored(2), Deadline(3), StoreError(4)).Body.RetryAfterMs);
    }

    [Fact]
    public void The_body_serialises_as_the_contract_shows()
    {
        var reply = Reply(Stored(0), Deadline(1));

        var json = JsonSerializer.Serialize(reply.Body, ContractsJsonContext.Default.IngestResponse);

        Assert.Equal(
            """{"requestId":"req-1","dataset":"orders","complete":false,"summary":{"received":2,"stored":1,"invalid":0,"duplicate":0,"retry":1,"stale":0,"conflict":0},"retryAfterMs":1000,"truncated":false,"rows":[{"index":1,"key":{"orderId":"A-1"},"status":"retry","reason":"deadline"}]}""",
            json);
    }
}
