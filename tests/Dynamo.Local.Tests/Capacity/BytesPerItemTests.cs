using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Datasets;
using Dynamo.Core.Rows;
using Dynamo.Local.Capacity;
using Dynamo.Local.Store;
using Dynamo.Testing;
using Xunit.Abstractions;

namespace Dynamo.Local.Tests.Capacity;

/// <summary>
/// The figures of docs/performance.md, "Bytes per item": the example orders (docs/examples/orders.jsonl) and rows of
/// 900-1,000 bytes of their own are prepared as the function prepares them, stored in DynamoDB Local, read back and
/// sized by DynamoDB's rules (<see cref="ItemSize"/>); the same row with the system attributes written before the
/// short names (<c>_hash</c>, <c>_ingestedAt</c>, <c>_requestId</c>) is the "before".
/// </summary>
public sealed class BytesPerItemTests(DynamoDbLocalFixture local, ITestOutputHelper output) : IClassFixture<DynamoDbLocalFixture>
{
    // The function's clock (100 ns ticks, as the old _ingestedAt spelled it) and an API Gateway request id (a UUID).
    private static readonly DateTimeOffset ReceivedAt = new DateTimeOffset(2026, 12, 3, 10, 15, 30, TimeSpan.Zero).AddTicks(1_234_567);
    private const string RequestId = "c6a3f2de-5b7e-4a61-9d0e-2f4b8c1a7e93";

    [Fact]
    public async Task The_stored_size_of_a_row_before_and_after_the_short_names()
    {
        using var dynamo = local.CreateClient();
        var orders = DatasetCatalog.Load("")["orders"].WithTable(UniqueNames.Table("orders"));
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = orders.Table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("orderId", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("orderId", ScalarAttributeType.S)],
        });
        var examples = File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "docs", "examples", "orders.jsonl"))
            .Where(line => line.Length > 0).ToArray();

        var sized = new List<(string Row, int OwnBytes, int Before, int After)>();
        foreach (var row in examples) sized.Add(await SizeAsync(dynamo, orders, row));
        // Rows of 900 to 1,000 bytes of their own: an example order padded with a note.
        var large = new List<(string Row, int OwnBytes, int Before, int After)>();
        for (var target = 900; target <= 1_000; target += 10)
        {
            var first = JsonDocument.Parse(examples[0]).RootElement;
            var own = (await SizeAsync(dynamo, orders, examples[0])).OwnBytes;
            var padded = examples[0][..^1] + $",\"note\":\"{new string('n', target - own - "note".Length)}\"}}";
            large.Add(await SizeAsync(dynamo, orders, padded.Replace(first.GetProperty("orderId").GetString()!, $"o-pad-{target}", StringComparison.Ordinal)));
        }

        var first1 = sized[0];
        output.WriteLine($"orders example row o-1001: own fields {first1.OwnBytes} B; stored item {first1.Before} B before, {first1.After} B after");
        Report("orders examples", sized);
        Report("rows of 900-1,000 own bytes", large);

        // The system attributes' share: 154 bytes before (_hash 5+64, _ingestedAt 11+28, _requestId 10+36), 75 after
        // (_h 2+22, _at 3+8, _rid 4+36).
        Assert.All(sized.Concat(large), s => Assert.Equal((154, 75), (s.Before - s.OwnBytes, s.After - s.OwnBytes)));
    }

    private void Report(string what, List<(string Row, int OwnBytes, int Before, int After)> rows)
    {
        static double PerMillion(IEnumerable<int> sizes) => sizes.Average(WriteUnits) * 1_000_000;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what} ({rows.Count} rows, own {rows.Min(r => r.OwnBytes)}-{rows.Max(r => r.OwnBytes)} B): mean item {rows.Average(r => r.Before):F0} B before, {rows.Average(r => r.After):F0} B after; write units per million rows {PerMillion(rows.Select(r => r.Before)):N0} before, {PerMillion(rows.Select(r => r.After)):N0} after"));
        foreach (var r in rows)
            output.WriteLine($"  own {r.OwnBytes} B: {r.Before} B ({WriteUnits(r.Before)} WRU) -> {r.After} B ({WriteUnits(r.After)} WRU)");
    }

    /// <summary>A standard write: one unit per started KB.</summary>
    private static int WriteUnits(int bytes) => (bytes + 1023) / 1024;

    /// <returns>The row's own bytes (its fields), and its stored item's size in the old layout and the new.</returns>
    private static async Task<(string Row, int OwnBytes, int Before, int After)> SizeAsync(IAmazonDynamoDB dynamo, Dataset orders, string row)
    {
        using var request = RowPreparer.Prepare(orders, Encoding.UTF8.GetBytes($"{{\"rows\":[{row}]}}"), RequestId, ReceivedAt);
        var (_, item) = Assert.Single(request.ItemsToWrite);
        var after = await StoredSizeAsync(dynamo, orders.Table, new Dictionary<string, AttributeValue>(item.Attributes));

        var old = item.Attributes.Where(a => !SystemAttributes.IsSystem(a.Key)).ToDictionary(a => a.Key, a => a.Value);
        var own = ItemSize.Of(WireJson(old));
        using var document = JsonDocument.Parse(row);
        old[SystemAttributes.LegacyHash] = new AttributeValue { S = CanonicalJson.Hash(document.RootElement) };
        old[SystemAttributes.LegacyIngestedAt] = new AttributeValue { S = RowPreparer.FormatUtc(ReceivedAt) };
        old[SystemAttributes.LegacyRequestId] = new AttributeValue { S = RequestId };
        var before = await StoredSizeAsync(dynamo, orders.Table, old);
        return (row, own, before, after);
    }

    /// <summary>Puts the item, reads it back (as DynamoDB stores it) and sizes that.</summary>
    private static async Task<int> StoredSizeAsync(IAmazonDynamoDB dynamo, string table, Dictionary<string, AttributeValue> item)
    {
        await dynamo.PutItemAsync(table, item);
        var read = await dynamo.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["orderId"] = item["orderId"] }, consistentRead: true);
        return ItemSize.Of(WireJson(read.Item));
    }

    /// <summary>The item in DynamoDB's wire JSON, which <see cref="ItemSize"/> reads.</summary>
    private static JsonElement WireJson(Dictionary<string, AttributeValue> item)
    {
        var text = new StringBuilder("{");
        foreach (var (name, value) in item)
        {
            if (text.Length > 1) text.Append(',');
            text.Append(JsonSerializer.Serialize(name, StringJson.Default.String)).Append(':');
            Append(text, value);
        }
        return JsonDocument.Parse(text.Append('}').ToString()).RootElement.Clone();
    }

    private static void Append(StringBuilder text, AttributeValue value)
    {
        string Quoted(string s) => JsonSerializer.Serialize(s, StringJson.Default.String);
        if (value.S is not null) text.Append("{\"S\":").Append(Quoted(value.S)).Append('}');
        else if (value.N is not null) text.Append("{\"N\":").Append(Quoted(value.N)).Append('}');
        else if (value.BOOL is { } b) text.Append("{\"BOOL\":").Append(b ? "true" : "false").Append('}');
        else if (value.NULL == true) text.Append("{\"NULL\":true}");
        else if (value.M is not null)
        {
            text.Append("{\"M\":{");
            var first = true;
            foreach (var (name, child) in value.M)
            {
                if (!first) text.Append(',');
                first = false;
                text.Append(Quoted(name)).Append(':');
                Append(text, child);
            }
            text.Append("}}");
        }
        else if (value.L is not null)
        {
            text.Append("{\"L\":[");
            for (var i = 0; i < value.L.Count; i++)
            {
                if (i > 0) text.Append(',');
                Append(text, value.L[i]);
            }
            text.Append("]}");
        }
        else throw new ArgumentException("A type rows never produce.", nameof(value));
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class StringJson : System.Text.Json.Serialization.JsonSerializerContext;
