using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Local.Capacity;
using Dynamo.Testing;

namespace Dynamo.Local.Tests.Capacity;

/// <summary>
/// Every write API is metered by DynamoDB's rules: transactions at twice the units and all or nothing, PartiQL writes
/// like the item writes they are, conditional writes that fail still charged, and writes DynamoDB Local refuses for
/// other reasons given their units back.
/// </summary>
public class WriteApiMeteringTests(DynamoDbLocalFixture store) : IClassFixture<DynamoDbLocalFixture>
{
    [Fact]
    public async Task A_transaction_costs_twice_its_items_and_is_cancelled_whole_when_it_does_not_fit()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 10);

        await stack.Client.TransactWriteItemsAsync(Transaction(stack, "first", 5));          // 10 units: the whole second
        var refused = await Assert.ThrowsAsync<TransactionCanceledException>(() => stack.Client.TransactWriteItemsAsync(Transaction(stack, "second", 1)));

        Assert.Equal("ThrottlingError", Assert.Single(refused.CancellationReasons).Code);
        Assert.Equal(ThroughputExceeded.MaxOnDemandMessage, refused.CancellationReasons[0].Message);
        Assert.Equal(5, (await stack.StoredKeysAsync()).Count);
        stack.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = stack.Reports.Seconds[0];
        Assert.Equal((10, 1), (second.UnitsConsumed, second.ItemsRefused));
    }

    [Fact]
    public async Task A_transaction_larger_than_what_is_left_takes_nothing_so_a_smaller_write_still_fits()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 10);
        await stack.Client.PutItemAsync(stack.Table, CapacityHarness.Item("one"));           // 9 units left

        var refused = await Assert.ThrowsAsync<TransactionCanceledException>(() => stack.Client.TransactWriteItemsAsync(Transaction(stack, "five", 5)));

        Assert.All(refused.CancellationReasons, r => Assert.Equal("ThrottlingError", r.Code));
        await stack.Client.TransactWriteItemsAsync(Transaction(stack, "four", 4));            // 8 of the 9
        Assert.Equal(5, (await stack.StoredKeysAsync()).Count);
    }

    [Fact]
    public async Task A_partiql_insert_costs_its_items_units_and_is_throttled_like_a_put()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 3);

        await stack.Client.ExecuteStatementAsync(Insert(stack, "big", bytes: 2048));          // 2 units
        await stack.Client.ExecuteStatementAsync(Insert(stack, "small", bytes: 100));         // 1 unit
        var refused = await Assert.ThrowsAsync<ThrottlingException>(() => stack.Client.ExecuteStatementAsync(Insert(stack, "refused", bytes: 100)));

        Assert.Equal("TableWriteMaxOnDemandThroughputExceeded", Assert.Single(refused.ThrottlingReasons).Reason);
        Assert.Equal(["big", "small"], await stack.StoredKeysAsync());
        await stack.Client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = $"SELECT * FROM \"{stack.Table}\"" });   // reads stay free
    }

    [Fact]
    public async Task A_statement_batch_answers_each_refused_statement_with_its_own_throttling_error_in_order()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 3);

        var answer = await stack.Client.BatchExecuteStatementAsync(new BatchExecuteStatementRequest
        {
            Statements = [.. Enumerable.Range(0, 5).Select(i => Insert(stack, $"row-{i}", bytes: 100)).Select(s => new BatchStatementRequest { Statement = s.Statement, Parameters = s.Parameters })],
        });

        Assert.Equal([null, null, null, "ThrottlingError", "ThrottlingError"], answer.Responses.Select(r => r.Error?.Code?.Value));
        Assert.All(answer.Responses, r => Assert.Equal(stack.Table, r.TableName));
        Assert.Equal(["row-0", "row-1", "row-2"], await stack.StoredKeysAsync());
    }

    [Fact]
    public async Task A_statement_DynamoDB_refuses_in_a_batch_gets_its_own_error_and_no_units()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 2);

        var answer = await stack.Client.BatchExecuteStatementAsync(new BatchExecuteStatementRequest
        {
            Statements =
            [
                new BatchStatementRequest { Statement = $"INSERT INTO \"{stack.Table}\" VALUE {{'other':'no key'}}" },
                new BatchStatementRequest { Statement = $"INSERT INTO \"{stack.Table}\" VALUE {{'pk':'a'}}" },
                new BatchStatementRequest { Statement = $"INSERT INTO \"{stack.Table}\" VALUE {{'pk':'b'}}" },
            ],
        });

        Assert.Equal(["ValidationError", null, null], answer.Responses.Select(r => r.Error?.Code?.Value));
        Assert.Equal(["a", "b"], await stack.StoredKeysAsync());
    }

    [Fact]
    public async Task A_conditional_write_that_fails_its_condition_still_consumes_its_units()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 3);
        await stack.Direct.PutItemAsync(stack.Table, CapacityHarness.Item("taken"));

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => stack.Client.PutItemAsync(new PutItemRequest
            {
                TableName = stack.Table,
                Item = CapacityHarness.Item("taken"),
                ConditionExpression = "attribute_not_exists(pk)",
            }));
        }

        await Assert.ThrowsAsync<ThrottlingException>(() => stack.Client.PutItemAsync(stack.Table, CapacityHarness.Item("next")));
        stack.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, stack.Reports.Seconds[0].UnitsConsumed);
    }

    [Fact]
    public async Task A_partiql_insert_of_an_existing_key_and_a_transaction_cancelled_by_its_condition_are_charged()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 3);
        await stack.Direct.PutItemAsync(stack.Table, CapacityHarness.Item("taken"));

        // DynamoDB Local names it "DuplicateItem", which the .NET SDK does not map to DuplicateItemException.
        var duplicate = await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => stack.Client.ExecuteStatementAsync(Insert(stack, "taken", bytes: 100)));   // 1 unit
        Assert.Equal("DuplicateItem", duplicate.ErrorCode);
        await Assert.ThrowsAsync<TransactionCanceledException>(() => stack.Client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = [new TransactWriteItem { Put = new Put { TableName = stack.Table, Item = CapacityHarness.Item("taken"), ConditionExpression = "attribute_not_exists(pk)" } }],
        }));                                                                                                                                // 2 units

        await Assert.ThrowsAsync<ThrottlingException>(() => stack.Client.PutItemAsync(stack.Table, CapacityHarness.Item("next")));
    }

    [Fact]
    public async Task A_write_DynamoDB_Local_refuses_for_another_reason_gets_its_units_back()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 2);

        // An update expression DynamoDB rejects ("an attribute name is a reserved word") is not one the proxy checks.
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => stack.Client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = stack.Table,
                Key = new() { [CapacityHarness.PartitionKey] = new("u") },
                UpdateExpression = "SET status = :s",
                ExpressionAttributeValues = new() { [":s"] = new("x") },
            }));
        }

        await stack.Client.PutItemAsync(stack.Table, CapacityHarness.Item("a"));
        await stack.Client.PutItemAsync(stack.Table, CapacityHarness.Item("b"));
        Assert.Equal(["a", "b"], await stack.StoredKeysAsync());
    }

    [Fact]
    public async Task DynamoDB_Locals_own_errors_pass_through_byte_for_byte_with_an_x_amz_crc32()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 5);
        var getMissingTable = """{"TableName":"no-such-table","Key":{"pk":{"S":"a"}}}""";

        using var direct = await RawCalls.SendAsync(store.Endpoint, "GetItem", getMissingTable);
        using var proxied = await RawCalls.SendAsync(stack.Proxy.Endpoint, "GetItem", getMissingTable);

        var body = await proxied.Content.ReadAsByteArrayAsync();
        Assert.Null(RawCalls.Crc32Header(direct));
        Assert.Equal(await direct.Content.ReadAsByteArrayAsync(), body);
        Assert.Equal(RawCalls.ExpectedCrc32(body), RawCalls.Crc32Header(proxied));
    }

    private static TransactWriteItemsRequest Transaction(CapacityHarness stack, string prefix, int items) => new()
    {
        TransactItems = [.. CapacityHarness.Items(prefix, items).Select(i => new TransactWriteItem { Put = new Put { TableName = stack.Table, Item = i } })],
    };

    private static ExecuteStatementRequest Insert(CapacityHarness stack, string pk, int bytes) => new()
    {
        Statement = $"INSERT INTO \"{stack.Table}\" VALUE {{'pk': ?, 'payload': ?}}",
        Parameters = [new AttributeValue(pk), CapacityHarness.Item(pk, bytes)["payload"]],
    };
}
