using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Datasets;
using Dynamo.Core.Rows;
using static Dynamo.Core.Tests.Rows.Requests;

namespace Dynamo.Core.Tests.Rows;

/// <summary>
/// The system attributes as stored since the short names (docs/datasets.md, "System attributes"): exact values,
/// which ones each kind of dataset carries, and what they add to an item's size.
/// </summary>
public sealed class SystemAttributesTests
{
    // A request time with a fraction below the millisecond, which _at drops.
    private static readonly DateTimeOffset ReceivedAt = new DateTimeOffset(2026, 12, 3, 10, 15, 30, TimeSpan.Zero).AddTicks(1_234_567);
    private const string RequestId = "c6a3f2de-5b7e-4a61-9d0e-2f4b8c1a7e93";

    private static IReadOnlyDictionary<string, AttributeValue> ItemOf(Dataset dataset, string rowJson)
    {
        using var request = RowPreparer.Prepare(dataset, RawBody(rowJson), RequestId, ReceivedAt);
        var row = Assert.Single(request.Rows);
        Assert.True(row.Item is not null, string.Join("; ", row.Errors ?? []));
        return row.Item.Attributes;
    }

    private static string[] SystemNames(IReadOnlyDictionary<string, AttributeValue> item) =>
        [.. item.Keys.Where(SystemAttributes.IsSystem).Order(StringComparer.Ordinal)];

    /// <summary>Base64url without padding of the first 16 bytes of the SHA-256, spelled out rather than with the code's helper.</summary>
    private static string ShortHash(string canonical) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void An_item_of_a_keyed_dataset_carries_h_at_and_rid_with_their_exact_values()
    {
        var item = ItemOf(Orders, """{"status":"paid","orderId":"A-1","amount":12.50,"customer":"Ada","currency":"EUR","createdAt":"2026-01-01T12:00:00Z"}""");

        Assert.Equal(["_at", "_h", "_rid"], SystemNames(item));
        Assert.Equal(
            ShortHash("""{"amount":12.5,"createdAt":"2026-01-01T12:00:00Z","currency":"EUR","customer":"Ada","orderId":"A-1","status":"paid"}"""),
            item["_h"].S);
        Assert.Equal(22, item["_h"].S.Length);
        Assert.Equal("1796292930123", item["_at"].N);
        Assert.Equal(ReceivedAt.ToUnixTimeMilliseconds(), long.Parse(item["_at"].N, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(RequestId, item["_rid"].S);
    }

    [Fact]
    public void An_item_of_a_dataset_without_key_fields_carries_its_full_hash_as_id_and_no_h()
    {
        var events = Dataset.FromDeclaration("""{"name": "events", "schema": {"type": "object"}}""");

        var item = ItemOf(events, """{"b":1.0,"a":"x"}""");

        Assert.Equal(["_at", "_id", "_rid"], SystemNames(item));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("""{"a":"x","b":1}"""u8)), item["_id"].S);
        Assert.Equal("1796292930123", item["_at"].N);
    }

    [Fact]
    public void A_versioned_item_carries_its_version_too()
    {
        var item = ItemOf(Inventory, """{"sku":"s-1","quantity":5,"updatedAt":"2026-12-03T10:00:00Z"}""");

        Assert.Equal(["_at", "_h", "_rid", "_version"], SystemNames(item));
        Assert.Equal(ShortHash("""{"quantity":5,"sku":"s-1","updatedAt":"2026-12-03T10:00:00Z"}"""), item["_h"].S);
        Assert.Equal("1796292000", item["_version"].N);
    }

    /// <summary>
    /// DynamoDB's size of the system attributes of an item of this test's request, by the developer guide's rules
    /// (names and strings: UTF-8 bytes; a number: one byte per two significant digits plus one): _at is
    /// 1796292930123, 13 significant digits.
    /// </summary>
    private static int SystemBytes(bool keyless, int versionBytes = 0) =>
        "_at".Length + 8 + "_rid".Length + RequestId.Length + (keyless ? "_id".Length + 64 : "_h".Length + 22) + versionBytes;

    /// <summary>A row whose item is exactly <paramref name="bytes"/> as DynamoDB sizes it, padded by a "pad" string.</summary>
    private static string RowOfItemSize(string fieldsJson, int fieldBytes, int systemBytes, int bytes) =>
        fieldsJson[..^1] + $",\"pad\":\"{new string('x', bytes - fieldBytes - "pad".Length - systemBytes)}\"}}";

    public static TheoryData<string, string, int, int> Datasets => new()
    {
        // orderId A-1 (7 + 3), amount 12.5 (6 + 3), customer (8 + 3), currency (8 + 3), status (6 + 4), createdAt (9 + 20).
        { "orders", """{"orderId":"A-1","amount":12.5,"customer":"Ada","currency":"EUR","status":"paid","createdAt":"2026-01-01T12:00:00Z"}""", 80, SystemBytes(keyless: false) },
        // a (1 + 1).
        { "events", """{"a":"x"}""", 2, SystemBytes(keyless: true) },
        // sku s-1 (3 + 3), quantity 5 (8 + 2), updatedAt (9 + 20); _version 1796292000: 7 significant digits, 8 + 5 bytes.
        { "inventory", """{"sku":"s-1","quantity":5,"updatedAt":"2026-12-03T10:00:00Z"}""", 45, SystemBytes(keyless: false, versionBytes: 8 + 5) },
    };

    [Theory]
    [MemberData(nameof(Datasets))]
    public void The_size_check_counts_the_system_attributes_as_dynamodb_sizes_them(string dataset, string fieldsJson, int fieldBytes, int systemBytes)
    {
        var target = dataset == "events" ? Dataset.FromDeclaration("""{"name": "events", "schema": {"type": "object"}}""") : Catalog[dataset];
        using (var atTheLimit = RowPreparer.Prepare(target, RawBody(RowOfItemSize(fieldsJson, fieldBytes, systemBytes, 409_600)), RequestId, ReceivedAt))
            Assert.Null(Assert.Single(atTheLimit.Rows).Status);
        using var over = RowPreparer.Prepare(target, RawBody(RowOfItemSize(fieldsJson, fieldBytes, systemBytes, 409_601)), RequestId, ReceivedAt);
        Assert.Equal(["row: the item would be 409,601 bytes, over DynamoDB's limit of 400 KB (409,600 bytes)"], Assert.Single(over.Rows).Errors);
    }
}
