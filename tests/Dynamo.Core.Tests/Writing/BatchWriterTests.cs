using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Core.Writing;

namespace Dynamo.Core.Tests.Writing;

public class BatchWriterTests
{
    private readonly FakeClock _clock = new();

    private BatchWriter Writer(ScriptedDynamo dynamo, int parallelism = 1, Random? jitter = null, TimeSpan? backoffBase = null) =>
        new(dynamo.Client, _clock, new BatchWriterOptions
        {
            MaxParallelism = parallelism,
            BackoffBase = backoffBase ?? TimeSpan.FromMilliseconds(50),
            BackoffCap = TimeSpan.FromSeconds(2),
        }, jitter ?? Jitter.None);

    private WriteBudget Budget(double softSeconds = 5, double hardSeconds = 6) =>
        new(_clock.GetUtcNow().AddSeconds(softSeconds), _clock.GetUtcNow().AddSeconds(hardSeconds));

    /// <summary>Each call takes this long on the fake clock, so a loop of calls moves time.</summary>
    private Func<IReadOnlyList<string>, CancellationToken, Task<BatchWriteItemResponse>> Taking(
        TimeSpan latency, Func<IReadOnlyList<string>, Task<BatchWriteItemResponse>> answer) =>
        (keys, _) =>
        {
            _clock.Advance(latency);
            return answer(keys);
        };

    private static ProvisionedThroughputExceededException Throttling() =>
        new("The level of configured provisioned throughput for the table was exceeded.") { StatusCode = HttpStatusCode.BadRequest };

    [Fact]
    public async Task Rows_left_unprocessed_are_resent_until_DynamoDB_confirms_them()
    {
        var calls = 0;
        var dynamo = new ScriptedDynamo(_clock, (keys, _) => ++calls switch
        {
            1 => ScriptedDynamo.Unprocessed(Enumerable.Range(0, 10)),
            2 => ScriptedDynamo.Unprocessed([3, 7]),
            _ => ScriptedDynamo.AllProcessed(),
        });

        var result = await Writer(dynamo).WriteAsync(TestItems.OrdersTable, TestItems.Orders(25), Budget());

        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Stored, r.Status));
        Assert.Equal(
            [25, 10, 2],
            dynamo.Calls.Select(c => c.Keys.Count));
        Assert.Equal([TestItems.OrderId(3), TestItems.OrderId(7)], dynamo.Calls[2].Keys);
        Assert.Equal(new WriteStatistics(3, 2, 2, 0, false), result.Statistics);
    }

    [Theory]
    [InlineData("exception")]
    [InlineData("unprocessed")]
    public async Task A_batch_throttled_until_the_deadline_ends_retry_throttled_while_the_other_batches_are_stored(string throttling)
    {
        var dynamo = new ScriptedDynamo(_clock, Taking(TimeSpan.FromMilliseconds(20), keys =>
        {
            var orders = keys.Select(ScriptedDynamo.OrderNumber).ToList();
            if (orders.Min() >= 25) return ScriptedDynamo.AllProcessed();
            return throttling == "exception" ? throw Throttling() : ScriptedDynamo.Unprocessed(orders);
        }));

        var write = Writer(dynamo, parallelism: 2, jitter: Jitter.Full).WriteAsync(TestItems.OrdersTable, TestItems.Orders(100), Budget(softSeconds: 2, hardSeconds: 3));
        var result = await _clock.RunAsync(write);

        Assert.All(result.Rows.Take(25), r => Assert.Equal((RowStatus.Retry, RetryReasons.Throttled), (r.Status, r.Reason)));
        Assert.All(result.Rows.Skip(25), r => Assert.Equal(RowStatus.Stored, r.Status));
        Assert.True(result.Statistics.StoppedForDeadline);
        Assert.True(result.Statistics.ThrottledCalls >= 3, "the throttled batch was retried until the soft deadline");
    }

    public static TheoryData<string, Exception, string> FailedCalls => new()
    {
        { "server error", new InternalServerErrorException("Internal server error") { StatusCode = HttpStatusCode.InternalServerError }, RetryReasons.StoreError },
        { "unavailable", new AmazonDynamoDBException("Service unavailable") { StatusCode = HttpStatusCode.ServiceUnavailable }, RetryReasons.StoreError },
        { "unreachable", new HttpRequestException("Connection refused"), RetryReasons.StoreError },
        { "request limit", new RequestLimitExceededException("Throughput exceeds the account limit"), RetryReasons.Throttled },
        { "throttling", new ThrottlingException("Rate exceeded"), RetryReasons.Throttled },
    };

    [Theory]
    [MemberData(nameof(FailedCalls))]
    public async Task A_call_that_keeps_failing_is_retried_and_never_marks_its_rows_stored(string what, Exception failure, string reason)
    {
        var dynamo = new ScriptedDynamo(_clock, Taking(TimeSpan.FromMilliseconds(100), _ => throw failure));

        var result = await Writer(dynamo).WriteAsync(TestItems.OrdersTable, TestItems.Orders(25), Budget(softSeconds: 1));

        Assert.All(result.Rows, r => Assert.Equal((RowStatus.Retry, reason), (r.Status, r.Reason)));
        Assert.True(dynamo.Calls.Count > 2, $"{what} is retried");
    }

    [Fact]
    public async Task A_store_that_stays_unreachable_stops_the_request_after_three_failed_calls_of_one_batch()
    {
        // DynamoDB down: every batch retrying on its own until the deadline would hold the function for the whole
        // budget and flood the store as it comes back; the request answers at once instead (503, Retry-After).
        var dynamo = new ScriptedDynamo(_clock, Taking(TimeSpan.FromMilliseconds(10), _ => throw new HttpRequestException("Connection refused")));

        var write = Writer(dynamo, parallelism: 1, jitter: Jitter.Full).WriteAsync(TestItems.OrdersTable, TestItems.Orders(100), Budget(softSeconds: 20, hardSeconds: 25));
        var result = await _clock.RunAsync(write);

        Assert.Equal(3, dynamo.Calls.Count);
        Assert.All(result.Rows, r => Assert.Equal((RowStatus.Retry, RetryReasons.StoreError), (r.Status, r.Reason)));
        Assert.False(result.Statistics.StoppedForDeadline);
    }

    [Fact]
    public async Task Store_errors_broken_by_a_success_do_not_stop_the_request()
    {
        // Two failures, a success, two failures, ...: never three in a row, so every row ends stored.
        var calls = 0;
        var dynamo = new ScriptedDynamo(_clock, (_, _) => ++calls % 3 != 0 ? throw new HttpRequestException("Connection reset") : ScriptedDynamo.AllProcessed());

        var result = await _clock.RunAsync(Writer(dynamo).WriteAsync(TestItems.OrdersTable, TestItems.Orders(75), Budget(softSeconds: 20, hardSeconds: 25)));

        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Stored, r.Status));
        Assert.Equal(9, dynamo.Calls.Count);
    }

    [Fact]
    public async Task A_failure_that_clears_up_ends_stored()
    {
        var calls = 0;
        var dynamo = new ScriptedDynamo(_clock, (_, _) => ++calls <= 2 ? throw new HttpRequestException("Connection reset") : ScriptedDynamo.AllProcessed());

        var result = await Writer(dynamo).WriteAsync(TestItems.OrdersTable, TestItems.Orders(25), Budget());

        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Stored, r.Status));
        Assert.Equal(new WriteStatistics(3, 2, 0, 2, false), result.Statistics);
    }

    [Fact]
    public async Task A_permanent_store_error_is_not_retried()
    {
        var dynamo = new ScriptedDynamo(_clock, (_, _) => throw new ResourceNotFoundException("Requested resource not found"));

        var result = await Writer(dynamo).WriteAsync(TestItems.OrdersTable, TestItems.Orders(50), Budget());

        Assert.All(result.Rows, r => Assert.Equal((RowStatus.Retry, RetryReasons.StoreError), (r.Status, r.Reason)));
        Assert.Equal(2, dynamo.Calls.Count);
    }

    [Fact]
    public async Task A_call_in_flight_at_the_hard_deadline_is_cancelled_and_its_rows_are_retry_deadline()
    {
        var dynamo = new ScriptedDynamo(_clock, async (keys, token) =>
        {
            if (keys.Contains(TestItems.OrderId(0))) await Task.Delay(Timeout.Infinite, token);
            return new BatchWriteItemResponse();
        });
        var budget = Budget(softSeconds: 1, hardSeconds: 2);
        var write = Writer(dynamo, parallelism: 2).WriteAsync(TestItems.OrdersTable, TestItems.Orders(50), budget);

        var result = await _clock.RunAsync(write);

        Assert.All(result.Rows.Take(25), r => Assert.Equal((RowStatus.Retry, RetryReasons.Deadline), (r.Status, r.Reason)));
        Assert.All(result.Rows.Skip(25), r => Assert.Equal(RowStatus.Stored, r.Status));
        Assert.True(result.Statistics.StoppedForDeadline);
        Assert.True(_clock.GetUtcNow() >= budget.Hard, "the hung call was waited for until the hard deadline, not abandoned at the soft one");
    }

    [Fact]
    public async Task A_call_cancelled_by_the_deadline_never_marks_its_rows_stored_even_if_it_had_succeeded_a_moment_later()
    {
        var dynamo = new ScriptedDynamo(_clock, async (_, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), _clock, token);
            return new BatchWriteItemResponse();
        });
        var write = Writer(dynamo).WriteAsync(TestItems.OrdersTable, TestItems.Orders(10), Budget(softSeconds: 1, hardSeconds: 2));

        var result = await _clock.RunAsync(write);

        Assert.All(result.Rows, r => Assert.Equal((RowStatus.Retry, RetryReasons.Deadline), (r.Status, r.Reason)));
    }

    [Fact]
    public async Task Nothing_new_starts_after_the_soft_deadline()
    {
        var dynamo = new ScriptedDynamo(_clock, Taking(TimeSpan.FromMilliseconds(400), _ => ScriptedDynamo.AllProcessed()));
        var budget = Budget(softSeconds: 1, hardSeconds: 10);

        var result = await Writer(dynamo).WriteAsync(TestItems.OrdersTable, TestItems.Orders(250), budget);

        Assert.All(dynamo.Calls, c => Assert.True(c.At < budget.Soft));
        Assert.Equal(3, dynamo.Calls.Count);
        Assert.All(result.Rows.Take(75), r => Assert.Equal(RowStatus.Stored, r.Status));
        Assert.All(result.Rows.Skip(75), r => Assert.Equal((RowStatus.Retry, RetryReasons.Deadline), (r.Status, r.Reason)));
        Assert.True(result.Statistics.StoppedForDeadline);
    }

    [Fact]
    public async Task No_retry_starts_when_its_backoff_would_end_after_the_soft_deadline()
    {
        var dynamo = new ScriptedDynamo(_clock, (_, _) => throw Throttling());
        var budget = Budget(softSeconds: 1.0, hardSeconds: 10);

        // Full jitter at its ceiling: waits of 200, 400, then 800 ms, which would end past the soft deadline.
        var write = Writer(dynamo, jitter: Jitter.Full, backoffBase: TimeSpan.FromMilliseconds(200))
            .WriteAsync(TestItems.OrdersTable, TestItems.Orders(25), budget);
        var result = await _clock.RunAsync(write);

        Assert.Equal([200, 400], _clock.BackoffWaitsMs);
        Assert.Equal(3, dynamo.Calls.Count);
        Assert.All(result.Rows, r => Assert.Equal((RowStatus.Retry, RetryReasons.Throttled), (r.Status, r.Reason)));
    }

    [Fact]
    public async Task Backoff_waits_between_retries_grow()
    {
        var calls = 0;
        var dynamo = new ScriptedDynamo(_clock, (_, _) => ++calls <= 4 ? throw Throttling() : ScriptedDynamo.AllProcessed());

        var write = Writer(dynamo, jitter: Jitter.Full, backoffBase: TimeSpan.FromMilliseconds(100))
            .WriteAsync(TestItems.OrdersTable, TestItems.Orders(25), Budget(softSeconds: 30, hardSeconds: 31));
        var result = await _clock.RunAsync(write);

        Assert.Equal([100, 200, 400, 800], _clock.BackoffWaitsMs);
        Assert.All(dynamo.Calls.Zip(dynamo.Calls.Skip(1)), pair => Assert.True(pair.Second.At > pair.First.At, "each retry waited"));
        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Stored, r.Status));
    }

    [Fact]
    public async Task Each_backoff_waits_the_fraction_of_its_ceiling_drawn_from_the_random_source()
    {
        var jitter = new Jitter(0.3);
        var calls = 0;
        var dynamo = new ScriptedDynamo(_clock, (_, _) => ++calls <= 3 ? throw Throttling() : ScriptedDynamo.AllProcessed());

        var write = Writer(dynamo, jitter: jitter, backoffBase: TimeSpan.FromMilliseconds(400))
            .WriteAsync(TestItems.OrdersTable, TestItems.Orders(25), Budget(softSeconds: 30, hardSeconds: 31));
        await _clock.RunAsync(write);

        Assert.Equal(3, jitter.Draws);
        Assert.Equal([120, 240, 480], _clock.BackoffWaitsMs);
    }

    [Fact]
    public async Task Calls_in_flight_never_exceed_the_parallelism_bound()
    {
        var dynamo = new ScriptedDynamo(TimeProvider.System, async (_, token) =>
        {
            await Task.Delay(2, token);
            return new BatchWriteItemResponse();
        });

        var result = await Writer(dynamo, parallelism: 4).WriteAsync(TestItems.OrdersTable, TestItems.Orders(1_000), Budget(softSeconds: 60, hardSeconds: 61));

        Assert.InRange(dynamo.MaxInFlight, 2, 4);
        Assert.Equal(40, dynamo.Calls.Count);
        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Stored, r.Status));
    }

    [Fact]
    public async Task A_batch_DynamoDB_refuses_is_split_until_the_refused_row_stands_alone()
    {
        var refused = TestItems.OrderId(17);
        var dynamo = new ScriptedDynamo(_clock, (keys, _) => keys.Contains(refused)
            ? throw new AmazonDynamoDBException("Item size has exceeded the maximum allowed size") { ErrorCode = "ValidationException", StatusCode = HttpStatusCode.BadRequest }
            : ScriptedDynamo.AllProcessed());

        var result = await Writer(dynamo).WriteAsync(TestItems.OrdersTable, TestItems.Orders(25), Budget());

        var row = result.Rows[17];
        Assert.Equal(RowStatus.Invalid, row.Status);
        Assert.Contains("maximum allowed size", row.Error);
        Assert.All(result.Rows.Where(r => r.Index != 17), r => Assert.Equal(RowStatus.Stored, r.Status));
        Assert.Contains(dynamo.Calls, c => c.Keys.SequenceEqual([refused]));
        Assert.True(dynamo.Calls.Count <= 11, "bisection isolates one row of 25 in about 2 log2(25) calls");
    }

    [Fact]
    public async Task Unprocessed_items_that_match_no_row_leave_the_whole_call_unconfirmed()
    {
        var calls = 0;
        var dynamo = new ScriptedDynamo(_clock, (_, _) => ++calls == 1 ? ScriptedDynamo.Unprocessed([999]) : ScriptedDynamo.AllProcessed());

        var result = await Writer(dynamo).WriteAsync(TestItems.OrdersTable, TestItems.Orders(25), Budget());

        Assert.Equal(25, dynamo.Calls[1].Keys.Count);
        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Stored, r.Status));
    }

    [Fact]
    public async Task Results_keep_the_rows_order_and_their_request_indexes()
    {
        var rows = TestItems.Orders(60).Select(r => r with { Index = r.Index * 2 + 1 }).ToList();
        var dynamo = new ScriptedDynamo(_clock, (_, _) => ScriptedDynamo.AllProcessed());

        var result = await Writer(dynamo, parallelism: 3).WriteAsync(TestItems.OrdersTable, rows, Budget());

        Assert.Equal(rows.Select(r => r.Index), result.Rows.Select(r => r.Index));
        Assert.Equal([25, 25, 10], dynamo.Calls.Select(c => c.Keys.Count).Order().Reverse());
    }

    [Fact]
    public async Task A_budget_already_spent_attempts_nothing()
    {
        var dynamo = new ScriptedDynamo(_clock, (_, _) => ScriptedDynamo.AllProcessed());

        var result = await Writer(dynamo).WriteAsync(TestItems.OrdersTable, TestItems.Orders(30), Budget(softSeconds: -1, hardSeconds: 0));

        Assert.Empty(dynamo.Calls);
        Assert.All(result.Rows, r => Assert.Equal((RowStatus.Retry, RetryReasons.Deadline), (r.Status, r.Reason)));
    }

    [Fact]
    public async Task Cancelling_the_request_abandons_the_write()
    {
        using var abandon = new CancellationTokenSource();
        var dynamo = new ScriptedDynamo(_clock, async (_, token) =>
        {
            await abandon.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            return new BatchWriteItemResponse();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Writer(dynamo).WriteAsync(TestItems.OrdersTable, TestItems.Orders(30), Budget(), abandon.Token));
    }
}
