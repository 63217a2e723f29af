using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Core.Ingesting;
using Dynamo.Core.Tests.Rows;
using Dynamo.Core.Writing;
using Dynamo.Testing;

namespace Dynamo.Core.Tests.Ingesting;

/// <summary>
/// A versioned dataset (inventory, version updatedAt) against DynamoDB Local: a row is written only over an
/// older item, and every other row's status says why it was not (docs/datasets.md, "Versioned datasets").
/// </summary>
public sealed class VersionedIngestTests(DynamoDbLocalFixture store) : IClassFixture<DynamoDbLocalFixture>, IDisposable
{
    private readonly IAmazonDynamoDB _dynamo = store.CreateClient();

    public void Dispose() => _dynamo.Dispose();

    [Fact]
    public async Task A_new_key_is_stored_with_its_version_as_unix_seconds_and_its_date_time_in_utc()
    {
        var inventory = await InventoryTableAsync();

        var reply = await IngestAsync(inventory, "r1", Requests.Stock("s-1", 5, "2026-12-03T11:00:00.5+01:00"));

        Assert.Equal(200, reply.StatusCode);
        var item = await ItemAsync(inventory, "s-1");
        Assert.Equal("1796292000.5", item["_version"].N);
        Assert.Equal("2026-12-03T10:00:00.5Z", item["updatedAt"].S);
        Assert.Equal("r1", item["_rid"].S);
        Assert.Equal("1772366400000", item["_at"].N);
        Assert.Equal(ShortHash("""{"quantity":5,"sku":"s-1","updatedAt":"2026-12-03T10:00:00.5Z"}"""), item["_h"].S);
        Assert.Equal(["_at", "_h", "_rid", "_version"], item.Keys.Where(k => k.StartsWith('_')).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_higher_version_replaces_the_whole_item_and_a_lower_one_is_stale_and_changes_nothing()
    {
        var inventory = await InventoryTableAsync();
        await IngestAsync(inventory, "r1", Requests.Stock("s-1", 5, "2026-12-03T10:00:00Z").With("warehouse", "north"));

        var newer = await IngestAsync(inventory, "r2", Requests.Stock("s-1", 7, "2026-12-03T10:00:01Z"));
        var older = await IngestAsync(inventory, "r3", Requests.Stock("s-1", 1, "2026-12-03T10:00:00.999Z"));

        Assert.Equal(200, newer.StatusCode);
        Assert.Equal(200, older.StatusCode);
        Assert.True(older.Body.Complete);
        Assert.Equal(new IngestSummary(1, 0, 0, 0, 0, Stale: 1), older.Body.Summary);
        Assert.Equal(RowStatus.Stale, Assert.Single(older.Body.Rows).Status);
        var item = await ItemAsync(inventory, "s-1");
        Assert.Equal("7", item["quantity"].N);
        Assert.Equal("r2", item["_rid"].S);
        Assert.False(item.ContainsKey("warehouse"));
    }

    [Fact]
    public async Task The_same_version_with_the_same_content_is_stored_without_being_written_again()
    {
        var inventory = await InventoryTableAsync();
        await IngestAsync(inventory, "r1", Requests.Stock("s-1", 5, "2026-12-03T10:00:00Z"));

        // The same instant in another offset is the same row: its hash is taken over the UTC form.
        var resend = await IngestAsync(inventory, "r2", Requests.Stock("s-1", 5, "2026-12-03T12:00:00+02:00"));

        Assert.Equal(200, resend.StatusCode);
        Assert.Equal(new IngestSummary(1, 1, 0, 0, 0), resend.Body.Summary);
        Assert.Equal("r1", (await ItemAsync(inventory, "s-1"))["_rid"].S);
    }

    [Fact]
    public async Task The_same_version_with_other_content_is_a_conflict_that_names_the_stored_hash()
    {
        var inventory = await InventoryTableAsync();
        await IngestAsync(inventory, "r1", Requests.Stock("s-1", 5, "2026-12-03T10:00:00Z"));
        var storedHash = (await ItemAsync(inventory, "s-1"))["_h"].S;
        Assert.Equal(ShortHash("""{"quantity":5,"sku":"s-1","updatedAt":"2026-12-03T10:00:00Z"}"""), storedHash);

        var reply = await IngestAsync(inventory, "r2", Requests.Stock("s-1", 6, "2026-12-03T10:00:00Z"));

        Assert.Equal(207, reply.StatusCode);
        Assert.True(reply.Body.Complete);
        var row = Assert.Single(reply.Body.Rows);
        Assert.Equal(RowStatus.Conflict, row.Status);
        Assert.Equal(storedHash, row.StoredHash);
        Assert.Equal("s-1", row.Key!["sku"].GetString());
        Assert.Equal("5", (await ItemAsync(inventory, "s-1"))["quantity"].N);
    }

    /// <summary>An item as written before the short system attribute names: the full hex <c>_hash</c>, an RFC 3339 <c>_ingestedAt</c>.</summary>
    private async Task PutLegacyItemAsync(Dataset inventory, int quantity)
    {
        await _dynamo.PutItemAsync(inventory.Table, new Dictionary<string, AttributeValue>
        {
            ["sku"] = new() { S = "s-1" },
            ["quantity"] = new() { N = quantity.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["updatedAt"] = new() { S = "2026-12-03T10:00:00Z" },
            ["_hash"] = new() { S = FullHash($$"""{"quantity":{{quantity}},"sku":"s-1","updatedAt":"2026-12-03T10:00:00Z"}""") },
            ["_ingestedAt"] = new() { S = "2026-11-01T00:00:00Z" },
            ["_requestId"] = new() { S = "old" },
            ["_version"] = new() { N = "1796292000" },
        });
    }

    [Fact]
    public async Task The_same_version_with_the_same_content_as_an_item_stored_before_the_short_names_is_stored_and_left_as_it_is()
    {
        var inventory = await InventoryTableAsync();
        await PutLegacyItemAsync(inventory, 5);

        var resend = await IngestAsync(inventory, "r2", Requests.Stock("s-1", 5, "2026-12-03T12:00:00+02:00"));

        Assert.Equal(200, resend.StatusCode);
        Assert.Equal(new IngestSummary(1, 1, 0, 0, 0), resend.Body.Summary);
        var item = await ItemAsync(inventory, "s-1");
        Assert.Equal("old", item["_requestId"].S);
        Assert.False(item.ContainsKey("_h"));
    }

    [Fact]
    public async Task Other_content_at_the_version_of_an_item_stored_before_the_short_names_is_a_conflict_that_names_its_full_hash()
    {
        var inventory = await InventoryTableAsync();
        await PutLegacyItemAsync(inventory, 5);

        var reply = await IngestAsync(inventory, "r2", Requests.Stock("s-1", 6, "2026-12-03T10:00:00Z"));

        Assert.Equal(207, reply.StatusCode);
        var row = Assert.Single(reply.Body.Rows);
        Assert.Equal(RowStatus.Conflict, row.Status);
        Assert.Equal(FullHash("""{"quantity":5,"sku":"s-1","updatedAt":"2026-12-03T10:00:00Z"}"""), row.StoredHash);
        Assert.Equal("5", (await ItemAsync(inventory, "s-1"))["quantity"].N);
    }

    [Fact]
    public async Task A_higher_version_replaces_an_item_stored_before_the_short_names_with_the_new_layout()
    {
        var inventory = await InventoryTableAsync();
        await PutLegacyItemAsync(inventory, 5);

        var reply = await IngestAsync(inventory, "r2", Requests.Stock("s-1", 6, "2026-12-03T10:00:01Z"));

        Assert.Equal(new IngestSummary(1, 1, 0, 0, 0), reply.Body.Summary);
        var item = await ItemAsync(inventory, "s-1");
        Assert.Equal(["_at", "_h", "_rid", "_version"], item.Keys.Where(k => k.StartsWith('_')).Order(StringComparer.Ordinal));
    }

    private static string FullHash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    /// <summary>What <c>_h</c> must be: base64url (no padding) of the first 16 bytes of the SHA-256, spelled out here rather than with the code's own helper.</summary>
    private static string ShortHash(string canonical) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public async Task An_item_written_before_the_dataset_had_a_version_is_overwritten()
    {
        var inventory = await InventoryTableAsync();
        await _dynamo.PutItemAsync(inventory.Table, new Dictionary<string, AttributeValue>
        {
            ["sku"] = new() { S = "s-1" },
            ["quantity"] = new() { N = "100" },
            ["updatedAt"] = new() { S = "2099-01-01T00:00:00Z" },
        });

        var reply = await IngestAsync(inventory, "r1", Requests.Stock("s-1", 5, "2026-12-03T10:00:00Z"));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("5", (await ItemAsync(inventory, "s-1"))["quantity"].N);
    }

    [Fact]
    public async Task Within_one_request_the_highest_version_wins_wherever_it_stands()
    {
        var inventory = await InventoryTableAsync();

        var reply = await IngestAsync(inventory, "r1",
            Requests.Stock("s-1", 2, "2026-12-03T10:00:02Z"),
            Requests.Stock("s-1", 1, "2026-12-03T10:00:01Z"),     // older than row 0: stale
            Requests.Stock("s-2", 1, "2026-12-03T10:00:01Z"),     // older than row 3: stale
            Requests.Stock("s-2", 2, "2026-12-03T10:00:02Z"),
            Requests.Stock("s-3", 1, "2026-12-03T10:00:01Z"),     // the same version as row 5, which is later: duplicate
            Requests.Stock("s-3", 9, "2026-12-03T10:00:01Z"));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal(
            [(1, RowStatus.Stale), (2, RowStatus.Stale), (4, RowStatus.Duplicate)],
            reply.Body.Rows.Select(r => (r.Index, r.Status)));
        Assert.Equal("2", (await ItemAsync(inventory, "s-1"))["quantity"].N);
        Assert.Equal("2", (await ItemAsync(inventory, "s-2"))["quantity"].N);
        Assert.Equal("9", (await ItemAsync(inventory, "s-3"))["quantity"].N);
    }

    /// <summary>The sequence: R1 <c>new</c> comes back retry, R2 stores <c>paid</c>, R1's resend must not undo it.</summary>
    [Fact]
    public async Task A_late_resend_of_an_older_row_does_not_overwrite_a_newer_one()
    {
        var inventory = await InventoryTableAsync();
        var r1 = Requests.Stock("s-1", 10, "2026-12-03T10:00:00Z");
        await IngestAsync(inventory, "r2", Requests.Stock("s-1", 3, "2026-12-03T10:05:00Z"));

        var resent = await IngestAsync(inventory, "r1", r1);

        Assert.Equal(RowStatus.Stale, Assert.Single(resent.Body.Rows).Status);
        Assert.Equal("3", (await ItemAsync(inventory, "s-1"))["quantity"].N);
    }

    [Fact]
    public async Task A_number_version_is_compared_as_a_number_not_as_text()
    {
        var things = Dataset.FromDeclaration("""
            {"name": "things", "partitionKey": "id", "versionField": "v",
             "schema": {"required": ["id", "v"], "properties": {"id": {"type": "string"}, "v": {"type": "number"}}}}
            """).WithTable(UniqueNames.Table("things"));
        await CreateTableAsync(things.Table, "id");
        await IngestAsync(things, "r1", new JsonObject { ["id"] = "a", ["v"] = 9 });

        var ten = await IngestAsync(things, "r2", new JsonObject { ["id"] = "a", ["v"] = 1.0e1 });
        var nine = await IngestAsync(things, "r3", new JsonObject { ["id"] = "a", ["v"] = 9.5 });

        Assert.Equal(new IngestSummary(1, 1, 0, 0, 0), ten.Body.Summary);
        Assert.Equal(new IngestSummary(1, 0, 0, 0, 0, Stale: 1), nine.Body.Summary);
    }

    private async Task<IngestReply> IngestAsync(Dataset dataset, string requestId, params JsonObject[] rows)
    {
        var ingestor = new RowIngestor(new DatasetCatalog([dataset]), new BatchWriter(_dynamo, TimeProvider.System, new BatchWriterOptions()));
        var call = new IngestCall(
            dataset.Name,
            Encoding.UTF8.GetBytes(new JsonObject { ["rows"] = new JsonArray([.. rows.Select(r => r.DeepClone())]) }.ToJsonString()),
            requestId,
            Requests.IngestedAt,
            WriteBudget.ForInvocation(DateTimeOffset.UtcNow, null, TimeSpan.FromSeconds(20)));
        return (await ingestor.IngestAsync(call)).Reply!;
    }

    private async Task<Dataset> InventoryTableAsync()
    {
        var inventory = Requests.Inventory.WithTable(UniqueNames.Table("inventory"));
        await CreateTableAsync(inventory.Table, "sku");
        return inventory;
    }

    private Task<CreateTableResponse> CreateTableAsync(string table, string key) => _dynamo.CreateTableAsync(new CreateTableRequest
    {
        TableName = table,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        KeySchema = [new KeySchemaElement(key, KeyType.HASH)],
        AttributeDefinitions = [new AttributeDefinition(key, ScalarAttributeType.S)],
    });

    private async Task<Dictionary<string, AttributeValue>> ItemAsync(Dataset dataset, string sku) =>
        (await _dynamo.GetItemAsync(dataset.Table, new Dictionary<string, AttributeValue> { ["sku"] = new() { S = sku } }, consistentRead: true)).Item;
}
