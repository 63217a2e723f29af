using Amazon.DynamoDBv2;
using Moq;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Core.Writing;
using Dynamo.Testing;

namespace Dynamo.Core.Tests.Writing;

/// <summary>The writer against DynamoDB Local: what it calls stored is in the table, and nothing else is.</summary>
public class BatchWriterStorageTests(DynamoDbLocalFixture local) : IClassFixture<DynamoDbLocalFixture>
{
    private readonly IAmazonDynamoDB _dynamo = local.CreateClient();

    private static WriteBudget Seconds(double seconds)
    {
        var now = TimeProvider.System.GetUtcNow();
        return new WriteBudget(now.AddSeconds(seconds), now.AddSeconds(seconds + 1));
    }

    private static BatchWriter Writer(IAmazonDynamoDB dynamo, int parallelism = 16) =>
        new(dynamo, TimeProvider.System, new BatchWriterOptions { MaxParallelism = parallelism });

    public static TheoryData<string> Datasets => ["orders", "readings"];

    private async Task<(WriteTarget Table, List<PendingWrite> Rows)> DatasetAsync(string dataset, int count) => dataset == "orders"
        ? (await TestTables.CreateOrdersAsync(_dynamo), TestItems.Orders(count))
        : (await TestTables.CreateReadingsAsync(_dynamo), TestItems.Readings(count));

    [Theory]
    [MemberData(nameof(Datasets))]
    public async Task Five_thousand_rows_are_written_and_read_back_equal(string dataset)
    {
        var (table, rows) = await DatasetAsync(dataset, 5_000);

        var result = await Writer(_dynamo).WriteAsync(table, rows, Seconds(60));

        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Stored, r.Status));
        Assert.Equal(200, result.Statistics.BatchCalls);
        Assert.Equal(TestTables.Hashes(table, rows), await TestTables.HashesAsync(_dynamo, table));
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public async Task Writing_the_same_rows_again_leaves_the_table_unchanged(string dataset)
    {
        var (table, rows) = await DatasetAsync(dataset, 5_000);
        await Writer(_dynamo).WriteAsync(table, rows, Seconds(60));

        var again = await Writer(_dynamo).WriteAsync(table, rows, Seconds(60));

        Assert.All(again.Rows, r => Assert.Equal(RowStatus.Stored, r.Status));
        var stored = await TestTables.HashesAsync(_dynamo, table);
        Assert.Equal(5_000, stored.Count);
        Assert.Equal(TestTables.Hashes(table, rows), stored);
    }

    [Fact]
    public async Task A_run_cut_by_the_deadline_then_a_resend_of_its_retry_rows_yields_the_full_set_and_nothing_more()
    {
        var (table, rows) = await DatasetAsync("orders", 5_000);
        // 200 batches, 4 at a time, 100 ms each: at least 5 s of work for a 1.5 s budget, and time enough
        // for some batches even on a loaded machine.
        var slow = SlowStore(_dynamo, TimeSpan.FromMilliseconds(100));

        var cut = await Writer(slow, parallelism: 4).WriteAsync(table, rows, Seconds(1.5));

        var retry = cut.Rows.Where(r => r.Status == RowStatus.Retry).Select(r => r.Index).ToHashSet();
        Assert.True(cut.Statistics.StoppedForDeadline);
        Assert.InRange(retry.Count, 1, 4_999);
        Assert.DoesNotContain(cut.Rows, r => r.Status == RowStatus.Retry && r.Reason != RetryReasons.Deadline);
        var afterCut = await TestTables.HashesAsync(_dynamo, table);
        Assert.All(cut.Rows.Where(r => r.Status == RowStatus.Stored), r => Assert.Contains(rows[r.Index].Item.Key, afterCut));

        var resend = rows.Where(r => retry.Contains(r.Index)).ToList();
        var second = await Writer(_dynamo).WriteAsync(table, resend, Seconds(60));

        Assert.All(second.Rows, r => Assert.Equal(RowStatus.Stored, r.Status));
        Assert.Equal(TestTables.Hashes(table, rows), await TestTables.HashesAsync(_dynamo, table));
    }

    /// <summary>The real client, with every BatchWriteItem held back a while first: a store slower than the budget.</summary>
    private static IAmazonDynamoDB SlowStore(IAmazonDynamoDB real, TimeSpan latency)
    {
        var slow = new Mock<IAmazonDynamoDB>(MockBehavior.Strict);
        slow.Setup(d => d.BatchWriteItemAsync(It.IsAny<BatchWriteItemRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (BatchWriteItemRequest request, CancellationToken token) =>
            {
                await Task.Delay(latency, token);
                return await real.BatchWriteItemAsync(request, token);
            });
        return slow.Object;
    }
}
