using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Local.Capacity;
using Dynamo.Local.Store;
using Dynamo.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dynamo.Local.Tests.Capacity;

/// <summary>
/// One table of its own on the shared DynamoDB Local, the capacity proxy in front of it on a fake clock (time
/// moves only when a test advances it), an SDK client through the proxy (no retries, so every throttle shows)
/// and one straight to DynamoDB Local to read what was really stored.
/// </summary>
internal sealed class CapacityHarness : IAsyncDisposable
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";

    private CapacityHarness(string table, FakeTimeProvider clock, RecordingSink reports, CapacityProxy proxy, IAmazonDynamoDB client, IAmazonDynamoDB direct)
    {
        Table = table;
        Clock = clock;
        Reports = reports;
        Proxy = proxy;
        Client = client;
        Direct = direct;
    }

    public string Table { get; }
    public FakeTimeProvider Clock { get; }
    public RecordingSink Reports { get; }
    public CapacityProxy Proxy { get; }
    public IAmazonDynamoDB Client { get; }
    public IAmazonDynamoDB Direct { get; }

    public static async Task<CapacityHarness> StartAsync(DynamoDbLocalFixture store, int? maxWriteRequestUnits, bool withSortKey = false)
    {
        var table = UniqueNames.Table("capacity");
        var direct = store.CreateClient();
        await direct.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = withSortKey
                ? [new KeySchemaElement(PartitionKey, KeyType.HASH), new KeySchemaElement(SortKey, KeyType.RANGE)]
                : [new KeySchemaElement(PartitionKey, KeyType.HASH)],
            AttributeDefinitions = withSortKey
                ? [new AttributeDefinition(PartitionKey, ScalarAttributeType.S), new AttributeDefinition(SortKey, ScalarAttributeType.S)]
                : [new AttributeDefinition(PartitionKey, ScalarAttributeType.S)],
        });
        var clock = new FakeTimeProvider();
        var reports = new RecordingSink();
        var proxy = await CapacityProxy.StartAsync(store.Endpoint, CapacityLimits.ForTables(maxWriteRequestUnits, table), clock, reports);
        var client = LocalDynamoDbClient.Create(proxy.Endpoint, c => c.MaxErrorRetry = 0);
        return new CapacityHarness(table, clock, reports, proxy, client, direct);
    }

    /// <summary>The partition (and sort) keys of every item in the table, read straight from DynamoDB Local.</summary>
    public async Task<List<string>> StoredKeysAsync()
    {
        var keys = new List<string>();
        var request = new ScanRequest { TableName = Table, ConsistentRead = true, ProjectionExpression = "pk, sk" };
        do
        {
            // A Scan page holds at most 1 MB of items.
            var page = await Direct.ScanAsync(request);
            keys.AddRange(page.Items.Select(i => i.TryGetValue(SortKey, out var sk) ? $"{i[PartitionKey].S}/{sk.S}" : i[PartitionKey].S));
            request.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });
        return [.. keys.Order(StringComparer.Ordinal)];
    }

    public BatchWriteItemRequest Batch(IEnumerable<Dictionary<string, AttributeValue>> items) => new()
    {
        RequestItems = new() { [Table] = [.. items.Select(i => new WriteRequest(new PutRequest(i)))] },
    };

    /// <summary>An item of exactly <paramref name="bytes"/> bytes by DynamoDB's count: its key and a "payload" string.</summary>
    public static Dictionary<string, AttributeValue> Item(string pk, int bytes = 100, string? sk = null)
    {
        var item = new Dictionary<string, AttributeValue> { [PartitionKey] = new(pk) };
        var used = PartitionKey.Length + pk.Length;
        if (sk is not null)
        {
            item[SortKey] = new AttributeValue(sk);
            used += SortKey.Length + sk.Length;
        }
        item["payload"] = new AttributeValue(new string('x', bytes - used - "payload".Length));
        return item;
    }

    /// <summary>The same item as <see cref="Item"/>, in DynamoDB's wire JSON.</summary>
    public static string ItemJson(string pk, int bytes) =>
        $$$"""{"{{{PartitionKey}}}":{"S":"{{{pk}}}"},"payload":{"S":"{{{new string('x', bytes - PartitionKey.Length - pk.Length - "payload".Length)}}}"}}""";

    public static IEnumerable<Dictionary<string, AttributeValue>> Items(string prefix, int count, int bytes = 100) =>
        Enumerable.Range(0, count).Select(i => Item($"{prefix}-{i:D2}", bytes));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Direct.DeleteTableAsync(Table);
        Direct.Dispose();
        await Proxy.DisposeAsync();
    }
}

/// <summary>Keeps the reported seconds for assertions.</summary>
internal sealed class RecordingSink : ICapacitySink
{
    private readonly List<CapacitySecond> _seconds = [];

    public IReadOnlyList<CapacitySecond> Seconds
    {
        get { lock (_seconds) return [.. _seconds]; }
    }

    public void Report(CapacitySecond second)
    {
        lock (_seconds) _seconds.Add(second);
    }
}
