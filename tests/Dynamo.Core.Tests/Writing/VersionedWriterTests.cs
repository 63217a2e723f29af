using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Core.Writing;
using Dynamo.Core.Writing.Wire;
using Moq;

namespace Dynamo.Core.Tests.Writing;

/// <summary>The versioned path at the SDK boundary: one conditional PutItem per row, and what each answer makes of the row.</summary>
public sealed class VersionedWriterTests
{
    private static readonly WriteTarget Inventory = new("inventory", "sku", Versioned: true);

    /// <summary>Our rows' hash: the full SHA-256 in hex, and the <c>_h</c> an item stores of it (base64url of its first 16 bytes).</summary>
    private const string OursHex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private const string OursShort = "ABEiM0RVZneImaq7zN3u_w";
    private const string TheirsHex = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
    private const string TheirsShort = "_-7dzLuqmYh3ZlVEMyIRAA";

    private static List<PendingWrite> Rows(int count) =>
    [
        .. Enumerable.Range(0, count).Select(n => new PendingWrite(n, new WireItem(
            Encoding.UTF8.GetBytes("{\"sku\":{\"S\":\"s-" + n + "\"},\"_h\":{\"S\":\"" + OursShort + "\"},\"_version\":{\"N\":\"5\"}}"),
            ItemKey.Part.OfString($"s-{n}"), null, new ItemVersion("5", OursHex)))),
    ];

    private static BatchWriter Writer(IAmazonDynamoDB dynamo) =>
        new(dynamo, TimeProvider.System, new BatchWriterOptions { BackoffBase = TimeSpan.FromMilliseconds(1), BackoffCap = TimeSpan.FromMilliseconds(5) });

    private static WriteBudget Seconds(double seconds)
    {
        var now = TimeProvider.System.GetUtcNow();
        return new WriteBudget(now.AddSeconds(seconds), now.AddSeconds(seconds + 1));
    }

    [Fact]
    public async Task Each_row_is_one_put_on_the_version_condition_that_asks_for_the_stored_item()
    {
        var sent = new List<WireConditionalPutRequest>();
        var dynamo = new Mock<IAmazonDynamoDB>(MockBehavior.Strict);
        dynamo.Setup(d => d.PutItemAsync(It.IsAny<PutItemRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((PutItemRequest request, CancellationToken _) =>
            {
                lock (sent) sent.Add(Assert.IsType<WireConditionalPutRequest>(request));
                return new PutItemResponse();
            });

        var result = await Writer(dynamo.Object).WriteAsync(Inventory, Rows(30), Seconds(10));

        Assert.All(result.Rows, r => Assert.Equal(RowStatus.Stored, r.Status));
        Assert.Equal(30, sent.Count);
        using var body = JsonDocument.Parse(sent[0].Body());
        var root = body.RootElement;
        Assert.Equal("inventory", root.GetProperty("TableName").GetString());
        Assert.Equal(WireConditionalPutRequest.Condition, root.GetProperty("ConditionExpression").GetString());
        Assert.Equal("sku", root.GetProperty("ExpressionAttributeNames").GetProperty("#key").GetString());
        Assert.Equal("_version", root.GetProperty("ExpressionAttributeNames").GetProperty("#version").GetString());
        Assert.Equal("5", root.GetProperty("ExpressionAttributeValues").GetProperty(":version").GetProperty("N").GetString());
        Assert.Equal("ALL_OLD", root.GetProperty("ReturnValuesOnConditionCheckFailure").GetString());
        Assert.Equal(OursShort, root.GetProperty("Item").GetProperty("_h").GetProperty("S").GetString());
    }

    [Fact]
    public async Task A_put_throttled_until_the_deadline_ends_retry_throttled()
    {
        var dynamo = new Mock<IAmazonDynamoDB>(MockBehavior.Strict);
        dynamo.Setup(d => d.PutItemAsync(It.IsAny<PutItemRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ProvisionedThroughputExceededException("throttled"));

        var result = await Writer(dynamo.Object).WriteAsync(Inventory, Rows(3), Seconds(0.3));

        Assert.All(result.Rows, r => Assert.Equal((RowStatus.Retry, RetryReasons.Throttled), (r.Status, r.Reason)));
        Assert.True(result.Statistics.ThrottledCalls > 3);
    }

    [Theory]
    [InlineData("7", "_h", TheirsShort, RowStatus.Stale, null)]
    [InlineData("5", "_h", OursShort, RowStatus.Stored, null)]
    [InlineData("5", "_h", TheirsShort, RowStatus.Conflict, TheirsShort)]
    [InlineData("5.0", "_h", OursShort, RowStatus.Stored, null)]
    // Items stored before the short names carry the full hex _hash, compared in full and named as stored.
    [InlineData("7", "_hash", TheirsHex, RowStatus.Stale, null)]
    [InlineData("5", "_hash", OursHex, RowStatus.Stored, null)]
    [InlineData("5", "_hash", TheirsHex, RowStatus.Conflict, TheirsHex)]
    public async Task A_failed_condition_settles_the_row_by_the_stored_item(
        string storedVersion, string hashName, string storedHash, RowStatus status, string? named)
    {
        var dynamo = FailingCondition(new Dictionary<string, AttributeValue>
        {
            ["_version"] = new() { N = storedVersion },
            [hashName] = new() { S = storedHash },
        });

        var row = Assert.Single((await Writer(dynamo).WriteAsync(Inventory, Rows(1), Seconds(10))).Rows);

        Assert.Equal((status, named), (row.Status, row.StoredHash));
    }

    [Fact]
    public async Task A_failed_condition_without_the_stored_item_is_retried_by_the_client_not_guessed()
    {
        var row = Assert.Single((await Writer(FailingCondition(null)).WriteAsync(Inventory, Rows(1), Seconds(10))).Rows);

        Assert.Equal((RowStatus.Retry, RetryReasons.StoreError), (row.Status, row.Reason));
    }

    private static IAmazonDynamoDB FailingCondition(Dictionary<string, AttributeValue>? stored)
    {
        var dynamo = new Mock<IAmazonDynamoDB>(MockBehavior.Strict);
        dynamo.Setup(d => d.PutItemAsync(It.IsAny<PutItemRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConditionalCheckFailedException("The conditional request failed") { Item = stored });
        return dynamo.Object;
    }
}
