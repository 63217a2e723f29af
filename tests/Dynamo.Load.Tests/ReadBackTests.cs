using System.Collections.Concurrent;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Rows;
using Dynamo.Load.Rows;
using Dynamo.Load.Verifying;
using Dynamo.Testing;
using Moq;

namespace Dynamo.Load.Tests;

public sealed class ReadBackTests(DynamoDbLocalFixture local) : IClassFixture<DynamoDbLocalFixture>
{
    private const string RunId = "load-20261129-030000-abcd";

    [Fact]
    public async Task The_read_back_finds_a_missing_a_changed_and_an_extra_row()
    {
        using var dynamo = local.CreateClient();
        var table = await CreateTableAsync(dynamo);
        var rows = RunRows.For(TestDatasets.Readings(table), RunId, seed: 42, rowsPerRequest: 10, hotKeys: 2, DateTimeOffset.UtcNow);
        for (var row = 0; row < 30; row++)
            await dynamo.PutItemAsync(table, Stored(rows.Row(row)));

        await dynamo.DeleteItemAsync(table, rows.Keys.Key(3));
        // Row 4 never reached the table and the client knew it (it gave up): undelivered, not lost.
        await dynamo.DeleteItemAsync(table, rows.Keys.Key(4));
        var changed = Stored(rows.Row(5));
        changed["temperature"] = new AttributeValue { N = "1234.5" };
        await dynamo.PutItemAsync(table, changed);
        var extra = Stored(rows.Row(7));
        extra["ts"] = new AttributeValue { S = "2001-01-01T00:00:00Z" };
        await dynamo.PutItemAsync(table, extra);
        // Another run's row under a similar key is none of this run's business.
        var stranger = Stored(rows.Row(8));
        stranger["deviceId"] = new AttributeValue { S = "load-20261129-030000-abce-hot0" };
        await dynamo.PutItemAsync(table, stranger);

        var result = await new ReadBack(dynamo, table, rows, TimeProvider.System).VerifyAsync(30, new HashSet<long> { 4 }, null, CancellationToken.None);

        Assert.Equal((27, 1, 1, 1, 1L), (result.RowsVerified, result.Lost, result.Corrupted, result.Duplicated, result.MissingUndelivered));
        Assert.Contains(result.Examples, e => e.StartsWith("lost:", StringComparison.Ordinal) && e.Contains(rows.Keys.PartitionValue(3), StringComparison.Ordinal));
        Assert.Contains(result.Examples, e => e.StartsWith("corrupted:", StringComparison.Ordinal) && e.Contains("1234.5", StringComparison.Ordinal));
        Assert.Contains(result.Examples, e => e.StartsWith("duplicated:", StringComparison.Ordinal) && e.Contains("2001-01-01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_row_whose_stored_hash_is_not_its_fields_hash_is_corrupted()
    {
        using var dynamo = local.CreateClient();
        var table = await CreateTableAsync(dynamo);
        var rows = RunRows.For(TestDatasets.Readings(table), RunId, seed: 1, rowsPerRequest: 1, hotKeys: 0, DateTimeOffset.UtcNow);
        var item = Stored(rows.Row(0));
        item[SystemAttributes.Hash] = new AttributeValue { S = new string('A', 22) };
        await dynamo.PutItemAsync(table, item);

        var result = await new ReadBack(dynamo, table, rows, TimeProvider.System).VerifyAsync(1, new HashSet<long>(), null, CancellationToken.None);

        Assert.Equal((0, 0, 1, 0), (result.RowsVerified, result.Lost, result.Corrupted, result.Duplicated));
    }

    [Fact]
    public async Task An_item_stored_before_the_short_names_is_checked_by_its_full_hash()
    {
        using var dynamo = local.CreateClient();
        var table = await CreateTableAsync(dynamo);
        var rows = RunRows.For(TestDatasets.Readings(table), RunId, seed: 2, rowsPerRequest: 1, hotKeys: 0, DateTimeOffset.UtcNow);
        await dynamo.PutItemAsync(table, StoredBeforeTheShortNames(rows.Row(0), CanonicalJson.Hash(rows.Row(0))));
        await dynamo.PutItemAsync(table, StoredBeforeTheShortNames(rows.Row(1), new string('0', 64)));

        var result = await new ReadBack(dynamo, table, rows, TimeProvider.System).VerifyAsync(2, new HashSet<long>(), null, CancellationToken.None);

        Assert.Equal((1, 0, 1, 0), (result.RowsVerified, result.Lost, result.Corrupted, result.Duplicated));
    }

    [Fact]
    public async Task A_throttled_or_unreachable_store_is_asked_again_until_it_answers()
    {
        using var dynamo = local.CreateClient();
        var table = await CreateTableAsync(dynamo);
        var rows = RunRows.For(TestDatasets.Readings(table), RunId, seed: 3, rowsPerRequest: 1, hotKeys: 0, DateTimeOffset.UtcNow);
        for (var row = 0; row < 3; row++)
            await dynamo.PutItemAsync(table, Stored(rows.Row(row)));
        // A table whose capacity the run used up, then DynamoDB Local restarting after a fault: more failures in a
        // row than the SDK's own retries absorb.
        var failures = new ConcurrentQueue<Exception>([
            new ThrottlingException("Throughput exceeds the maximum OnDemandThroughput configured on table or index"),
            new ProvisionedThroughputExceededException("The level of configured provisioned throughput for the table was exceeded."),
            new HttpRequestException("Connection refused (127.0.0.1:8000)", new SocketException((int)SocketError.ConnectionRefused)),
            new HttpRequestException("Connection refused (127.0.0.1:8000)", new SocketException((int)SocketError.ConnectionRefused)),
        ]);
        var flaky = new Mock<IAmazonDynamoDB>(MockBehavior.Strict);
        flaky.Setup(d => d.BatchGetItemAsync(It.IsAny<BatchGetItemRequest>(), It.IsAny<CancellationToken>()))
            .Returns((BatchGetItemRequest request, CancellationToken token) =>
                failures.TryDequeue(out var failure) ? Task.FromException<BatchGetItemResponse>(failure) : dynamo.BatchGetItemAsync(request, token));
        flaky.Setup(d => d.ScanAsync(It.IsAny<ScanRequest>(), It.IsAny<CancellationToken>()))
            .Returns((ScanRequest request, CancellationToken token) =>
                failures.TryDequeue(out var failure) ? Task.FromException<ScanResponse>(failure) : dynamo.ScanAsync(request, token));

        var result = await new ReadBack(flaky.Object, table, rows, TimeProvider.System).VerifyAsync(3, new HashSet<long>(), null, CancellationToken.None);

        Assert.Empty(failures);
        Assert.Equal((3, 0, 0, 0), (result.RowsVerified, result.Lost, result.Corrupted, result.Duplicated));
    }

    /// <summary>The row as the store keeps it: its fields, plus the system attributes.</summary>
    private static Dictionary<string, AttributeValue> Stored(System.Text.Json.JsonElement row)
    {
        var item = Document.FromJson(row.GetRawText()).ToAttributeMap();
        item[SystemAttributes.Hash] = new AttributeValue { S = RowHash.ShortFormOfHex(CanonicalJson.Hash(row)) };
        item[SystemAttributes.IngestedAt] = new AttributeValue { N = "1795921201000" };
        item[SystemAttributes.RequestId] = new AttributeValue { S = "test" };
        return item;
    }

    /// <summary>The row as the store kept it before the short names: the full hex hash <paramref name="hash"/>, an RFC 3339 time.</summary>
    private static Dictionary<string, AttributeValue> StoredBeforeTheShortNames(System.Text.Json.JsonElement row, string hash)
    {
        var item = Document.FromJson(row.GetRawText()).ToAttributeMap();
        item[SystemAttributes.LegacyHash] = new AttributeValue { S = hash };
        item[SystemAttributes.LegacyIngestedAt] = new AttributeValue { S = "2026-11-29T03:00:01Z" };
        item[SystemAttributes.LegacyRequestId] = new AttributeValue { S = "test" };
        return item;
    }

    private static async Task<string> CreateTableAsync(IAmazonDynamoDB dynamo)
    {
        var table = UniqueNames.Table("readback");
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            KeySchema = [new("deviceId", KeyType.HASH), new("ts", KeyType.RANGE)],
            AttributeDefinitions = [new("deviceId", ScalarAttributeType.S), new("ts", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        return table;
    }
}
