using Amazon.DynamoDBv2.Model;
using Dynamo.Testing;

namespace Dynamo.Local.Tests.Capacity;

/// <summary>
/// A request DynamoDB refuses whole is answered as DynamoDB Local answers it, byte for byte (plus the x-amz-crc32
/// DynamoDB Local leaves out of its errors), whatever the write buckets hold, and is charged nothing: a client bug is
/// never hidden as throttling, nor as a partly stored batch.
/// </summary>
public class ValidationBeforeMeteringTests(DynamoDbLocalFixture store) : IClassFixture<DynamoDbLocalFixture>
{
    private const int Cap = 10;
    private static readonly string Big = new('x', 400 * 1024);

    public static TheoryData<string, string, string> InvalidRequests() => new()
    {
        { "26 requests in one BatchWriteItem", "BatchWriteItem", Batch(Enumerable.Range(0, 26).Select(i => Put($"many-{i}"))) },
        { "one key twice in one BatchWriteItem", "BatchWriteItem", Batch([Put("twice"), Put("other"), Put("twice")]) },
        { "a put and a delete of one key", "BatchWriteItem", Batch([Put("both"), """{"DeleteRequest":{"Key":{"pk":{"S":"both"}}}}"""]) },
        { "an item without its key", "BatchWriteItem", Batch([Put("fine"), """{"PutRequest":{"Item":{"other":{"S":"x"}}}}"""]) },
        { "a key of the wrong type", "BatchWriteItem", Batch([Put("fine"), """{"PutRequest":{"Item":{"pk":{"N":"1"}}}}"""]) },
        { "an empty string key", "BatchWriteItem", Batch([Put("fine"), """{"PutRequest":{"Item":{"pk":{"S":""}}}}"""]) },
        { "an item over 400 KB", "BatchWriteItem", Batch([Put("fine"), Put("big", Big)]) },
        { "an empty set", "BatchWriteItem", Batch([Put("fine"), """{"PutRequest":{"Item":{"pk":{"S":"set"},"tags":{"SS":[]}}}}"""]) },
        { "a number that is none", "BatchWriteItem", Batch(["""{"PutRequest":{"Item":{"pk":{"S":"n"},"n":{"N":"one"}}}}"""]) },
        { "no requests", "BatchWriteItem", """{"RequestItems":{}}""" },
        { "an empty request list", "BatchWriteItem", """{"RequestItems":{"TABLE":[]}}""" },
        { "a request that is neither put nor delete", "BatchWriteItem", Batch(["{}"]) },
        { "a delete key with more than the key", "BatchWriteItem", Batch(["""{"DeleteRequest":{"Key":{"pk":{"S":"a"},"other":{"S":"b"}}}}"""]) },
        { "a PutItem without its key", "PutItem", """{"TableName":"TABLE","Item":{"other":{"S":"x"}}}""" },
        { "a PutItem over 400 KB", "PutItem", """{"TableName":"TABLE","Item":{"pk":{"S":"big"},"payload":{"S":"BIG"}}}""".Replace("BIG", Big, StringComparison.Ordinal) },
        { "a DeleteItem of the wrong key type", "DeleteItem", """{"TableName":"TABLE","Key":{"pk":{"B":"AQ=="}}}""" },
        { "an UpdateItem with an invalid value", "UpdateItem", """{"TableName":"TABLE","Key":{"pk":{"S":"u"}},"UpdateExpression":"SET n = :n","ExpressionAttributeValues":{":n":{"NULL":false}}}""" },
        { "two actions on one item in a transaction", "TransactWriteItems", Transaction([TransactPut("t"), TransactPut("t")]) },
        { "101 actions in a transaction", "TransactWriteItems", Transaction(Enumerable.Range(0, 101).Select(i => TransactPut($"t-{i}"))) },
        { "a transaction item without its key", "TransactWriteItems", Transaction([TransactPut("t"), """{"Put":{"TableName":"TABLE","Item":{"other":{"S":"x"}}}}"""]) },
        { "a transaction key of the wrong type", "TransactWriteItems", Transaction([TransactPut("t"), """{"Put":{"TableName":"TABLE","Item":{"pk":{"N":"1"}}}}"""]) },
        { "an INSERT without its key", "ExecuteStatement", """{"Statement":"INSERT INTO \"TABLE\" VALUE {'other':'x'}"}""" },
        { "an UPDATE without its key", "ExecuteStatement", """{"Statement":"UPDATE \"TABLE\" SET n = 1 WHERE other = 'x'"}""" },
        { "an INSERT over 400 KB", "ExecuteStatement", $$"""{"Statement":"INSERT INTO \"TABLE\" VALUE {'pk':'big','payload':?}","Parameters":[{"S":"{{Big}}"}]}""" },
        { "26 statements in one batch", "BatchExecuteStatement", Statements(Enumerable.Range(0, 26).Select(i => Insert($"s-{i}"))) },
        { "one key twice in one statement batch", "BatchExecuteStatement", Statements([Insert("s"), Insert("s")]) },
        { "reads and writes in one statement batch", "BatchExecuteStatement", Statements([Insert("s"), """{"Statement":"SELECT * FROM \"TABLE\" WHERE pk = 's'"}"""]) },
        { "one key twice in a PartiQL transaction", "ExecuteTransaction", """{"TransactStatements":[STATEMENTS]}""".Replace("STATEMENTS", Insert("x") + "," + Insert("x"), StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_write_gets_DynamoDB_Locals_own_answer_with_a_full_bucket_and_is_not_charged(string what, string operation, string request)
    {
        await using var stack = await CapacityHarness.StartAsync(store, Cap);
        var json = RawCalls.WithTable(request, stack);

        using var proxied = await RawCalls.SendAsync(stack.Proxy.Endpoint, operation, json);

        Assert.Empty(await stack.StoredKeysAsync());
        // Nothing was taken from the bucket: all ten units are still there.
        var batch = await stack.Client.BatchWriteItemAsync(stack.Batch(CapacityHarness.Items("after", Cap)));
        Assert.Empty(batch.UnprocessedItems);
        // Last, as DynamoDB Local itself stores the first of two INSERTs of one key before it refuses the batch.
        using var direct = await RawCalls.SendAsync(store.Endpoint, operation, json);
        await AssertSameAnswerAsync(what, direct, proxied);
    }

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task An_invalid_write_gets_DynamoDB_Locals_own_answer_with_an_empty_bucket(string what, string operation, string request)
    {
        await using var stack = await CapacityHarness.StartAsync(store, Cap);
        await stack.Client.BatchWriteItemAsync(stack.Batch(CapacityHarness.Items("drain", Cap)));
        await Assert.ThrowsAsync<ThrottlingException>(() => stack.Client.PutItemAsync(stack.Table, CapacityHarness.Item("one-more")));
        var json = RawCalls.WithTable(request, stack);

        using var proxied = await RawCalls.SendAsync(stack.Proxy.Endpoint, operation, json);

        Assert.Equal(Cap, (await stack.StoredKeysAsync()).Count);
        using var direct = await RawCalls.SendAsync(store.Endpoint, operation, json);
        await AssertSameAnswerAsync(what, direct, proxied);
    }

    private static async Task AssertSameAnswerAsync(string what, HttpResponseMessage direct, HttpResponseMessage proxied)
    {
        var body = await proxied.Content.ReadAsByteArrayAsync();
        var expected = await direct.Content.ReadAsByteArrayAsync();
        Assert.True(expected.AsSpan().SequenceEqual(body),
            $"{what}: the proxy answered {(int)proxied.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}, DynamoDB Local {(int)direct.StatusCode} {System.Text.Encoding.UTF8.GetString(expected)}");
        Assert.Equal(direct.StatusCode, proxied.StatusCode);
        Assert.Contains("Exception", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Equal(RawCalls.ExpectedCrc32(body), RawCalls.Crc32Header(proxied));
    }

    private static string Put(string pk, string? payload = null) =>
        payload is null
            ? """{"PutRequest":{"Item":{"pk":{"S":"PK"}}}}""".Replace("PK", pk, StringComparison.Ordinal)
            : """{"PutRequest":{"Item":{"pk":{"S":"PK"},"payload":{"S":"PAYLOAD"}}}}""".Replace("PK", pk, StringComparison.Ordinal).Replace("PAYLOAD", payload, StringComparison.Ordinal);

    private static string Batch(IEnumerable<string> requests) => """{"RequestItems":{"TABLE":[REQUESTS]}}""".Replace("REQUESTS", string.Join(',', requests), StringComparison.Ordinal);

    private static string TransactPut(string pk) => """{"Put":{"TableName":"TABLE","Item":{"pk":{"S":"PK"}}}}""".Replace("PK", pk, StringComparison.Ordinal);

    private static string Transaction(IEnumerable<string> actions) => """{"TransactItems":[ACTIONS]}""".Replace("ACTIONS", string.Join(',', actions), StringComparison.Ordinal);

    private static string Insert(string pk) => """{"Statement":"INSERT INTO \"TABLE\" VALUE {'pk':'PK'}"}""".Replace("PK", pk, StringComparison.Ordinal);

    private static string Statements(IEnumerable<string> statements) => """{"Statements":[STATEMENTS]}""".Replace("STATEMENTS", string.Join(',', statements), StringComparison.Ordinal);
}
