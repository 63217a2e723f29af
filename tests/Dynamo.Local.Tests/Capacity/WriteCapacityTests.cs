using Amazon.DynamoDBv2.Model;
using Dynamo.Local.Capacity;
using Dynamo.Testing;

namespace Dynamo.Local.Tests.Capacity;

/// <summary>Writes through the proxy with the real SDK: what DynamoDB would refuse is refused in DynamoDB's shapes.</summary>
public class WriteCapacityTests(DynamoDbLocalFixture store) : IClassFixture<DynamoDbLocalFixture>
{
    [Fact]
    public async Task A_batch_over_the_cap_returns_exactly_the_overflow_as_unprocessed_items_and_stores_the_rest()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 10);

        var response = await stack.Client.BatchWriteItemAsync(stack.Batch(CapacityHarness.Items("row", 25)));

        var unprocessed = response.UnprocessedItems[stack.Table].Select(w => w.PutRequest.Item[CapacityHarness.PartitionKey].S);
        Assert.Equal([.. Enumerable.Range(10, 15).Select(i => $"row-{i:D2}")], unprocessed);
        Assert.All(response.UnprocessedItems[stack.Table], w => Assert.Equal(new string('x', 100 - 2 - 6 - 7), w.PutRequest.Item["payload"].S));
        Assert.Equal([.. Enumerable.Range(0, 10).Select(i => $"row-{i:D2}")], await stack.StoredKeysAsync());
    }

    [Fact]
    public async Task Resending_the_unprocessed_items_after_a_second_stores_them()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 10);
        var first = await stack.Client.BatchWriteItemAsync(stack.Batch(CapacityHarness.Items("row", 20)));

        stack.Clock.Advance(TimeSpan.FromSeconds(1));
        var resend = await stack.Client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = first.UnprocessedItems });

        Assert.Empty(resend.UnprocessedItems);
        Assert.Equal(20, (await stack.StoredKeysAsync()).Count);
    }

    [Fact]
    public async Task A_batch_of_which_nothing_fits_under_the_table_maximum_fails_with_the_typed_ThrottlingException()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 10);
        await stack.Client.BatchWriteItemAsync(stack.Batch(CapacityHarness.Items("first", 10)));

        var refused = await Assert.ThrowsAsync<ThrottlingException>(
            () => stack.Client.BatchWriteItemAsync(stack.Batch(CapacityHarness.Items("second", 5))));

        Assert.Equal("Throughput exceeds the maximum OnDemandThroughput configured on table or index", refused.Message);
        Assert.Equal("ThrottlingException", refused.ErrorCode);
        Assert.Equal(400, (int)refused.StatusCode);
        var reason = Assert.Single(refused.ThrottlingReasons);
        Assert.Equal("TableWriteMaxOnDemandThroughputExceeded", reason.Reason);
        Assert.EndsWith($":table/{stack.Table}", reason.Resource, StringComparison.Ordinal);
        Assert.Equal(10, (await stack.StoredKeysAsync()).Count);
    }

    [Fact]
    public async Task Single_item_writes_are_metered_and_refused_when_they_do_not_fit()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 4);

        await stack.Client.PutItemAsync(stack.Table, CapacityHarness.Item("a", bytes: 1025));          // 2 units
        await stack.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = stack.Table,
            Key = new() { [CapacityHarness.PartitionKey] = new("b") },
            UpdateExpression = "SET note = :n",
            ExpressionAttributeValues = new() { [":n"] = new("hello") },
        });                                                                                             // 1 unit
        await stack.Client.DeleteItemAsync(stack.Table, new() { [CapacityHarness.PartitionKey] = new("a") });  // 1 unit

        await Assert.ThrowsAsync<ThrottlingException>(
            () => stack.Client.PutItemAsync(stack.Table, CapacityHarness.Item("c")));
        Assert.Equal(["b"], await stack.StoredKeysAsync());
    }

    [Fact]
    public async Task Items_of_1_KB_cost_one_unit_and_one_byte_more_costs_two()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 3);

        var response = await stack.Client.BatchWriteItemAsync(stack.Batch(
        [
            CapacityHarness.Item("exactly-1-kb", bytes: 1024),
            CapacityHarness.Item("one-byte-more", bytes: 1025),
            CapacityHarness.Item("refused"),
        ]));

        Assert.Equal("refused", Assert.Single(response.UnprocessedItems[stack.Table]).PutRequest.Item[CapacityHarness.PartitionKey].S);
        stack.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, stack.Reports.Seconds.Single().UnitsConsumed);
    }

    [Fact]
    public async Task A_hot_partition_key_is_held_to_1000_units_per_second_while_other_keys_pass()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: null, withSortKey: true);
        const int fiftyUnits = 50 * 1024;
        var hot = Enumerable.Range(0, 25).Select(i => CapacityHarness.Item("hot", fiftyUnits, sk: $"{i:D2}")).ToList();

        var first = await stack.Client.BatchWriteItemAsync(stack.Batch(hot.Take(20)));                  // 1,000 units on "hot"
        var second = await stack.Client.BatchWriteItemAsync(stack.Batch(
            hot.Skip(20).Concat(Enumerable.Range(0, 20).Select(i => CapacityHarness.Item($"cold-{i:D2}", fiftyUnits, sk: "00")))));

        Assert.Empty(first.UnprocessedItems);
        Assert.Equal([.. Enumerable.Range(20, 5).Select(i => $"{i:D2}")],
            second.UnprocessedItems[stack.Table].Select(w => w.PutRequest.Item[CapacityHarness.SortKey].S));
        var stored = await stack.StoredKeysAsync();
        Assert.Equal(20, stored.Count(k => k.StartsWith("hot/", StringComparison.Ordinal)));
        Assert.Equal(20, stored.Count(k => k.StartsWith("cold-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_write_that_only_a_hot_key_refuses_names_the_key_range_limit_in_the_stacks_region_and_account()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: null);
        for (var i = 0; i < 3; i++)
            await stack.Client.PutItemAsync(stack.Table, CapacityHarness.Item("hot", bytes: 300 * 1024));

        // The harness's tables are on-demand: a hot key there is a ThrottlingException, not the provisioned exception.
        var refused = await Assert.ThrowsAsync<ThrottlingException>(
            () => stack.Client.PutItemAsync(stack.Table, CapacityHarness.Item("hot", bytes: 300 * 1024)));

        var reason = Assert.Single(refused.ThrottlingReasons);
        Assert.Equal("TableWriteKeyRangeThroughputExceeded", reason.Reason);
        Assert.Equal($"arn:aws:dynamodb:us-east-1:000000000000:table/{stack.Table}", reason.Resource);
        Assert.Equal(ThroughputExceeded.OnDemandKeyRangeMessage, refused.Message);
        await stack.Client.PutItemAsync(stack.Table, CapacityHarness.Item("cold", bytes: 300 * 1024));
    }

    [Fact]
    public async Task The_burst_bucket_refills_with_time_up_to_one_second_of_the_rate()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 50);
        async Task<int> StoredOf(string prefix)
        {
            try
            {
                var response = await stack.Client.BatchWriteItemAsync(stack.Batch(CapacityHarness.Items(prefix, 25)));
                return 25 - response.UnprocessedItems.GetValueOrDefault(stack.Table, []).Count;
            }
            catch (ThrottlingException)
            {
                return 0;
            }
        }

        int[] firstSecond = [await StoredOf("a"), await StoredOf("b"), await StoredOf("c")];
        Assert.Equal([25, 25, 0], firstSecond);
        stack.Clock.Advance(TimeSpan.FromMilliseconds(200));                                            // 10 units back
        Assert.Equal(10, await StoredOf("d"));
        stack.Clock.Advance(TimeSpan.FromMinutes(1));                                                   // full again, never more
        int[] afterAMinute = [await StoredOf("e"), await StoredOf("f"), await StoredOf("g")];
        Assert.Equal([25, 25, 0], afterAMinute);
    }

    [Fact]
    public async Task Each_second_of_write_traffic_is_reported_with_units_used_and_items_refused()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 10);
        await stack.Client.BatchWriteItemAsync(stack.Batch(CapacityHarness.Items("row", 25)));

        stack.Clock.Advance(TimeSpan.FromSeconds(1));
        stack.Clock.Advance(TimeSpan.FromSeconds(1));                                                   // no traffic: no line

        var second = Assert.Single(stack.Reports.Seconds);
        // The 10 items stored are what the cost of storage and the floor are counted from (dynamo cost).
        Assert.Equal(new CapacitySecond(stack.Table, UnitsConsumed: 10, MaxWriteRequestUnits: 10, ItemsRefused: 15, ItemsRefusedOnHotKeys: 0)
            { ItemsPut = 10, ItemBytes = second.ItemBytes, RowBytes = second.RowBytes, RowUnits = 10 }, second);
        Assert.InRange(second.RowBytes, 1, second.ItemBytes);
        Assert.Equal($"capacity {stack.Table}: 10 WCU/s used of 10, 15 items refused", second.ToString());
    }
}
