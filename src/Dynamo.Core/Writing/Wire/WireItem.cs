using System.Buffers;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.Core.Writing.Wire;

/// <summary>
/// An item ready for the wire: its DynamoDB JSON (the <c>Item</c> of a PutRequest), written once when the
/// row is prepared and copied into every BatchWriteItem body that carries it, and its key, by which the
/// writer recognises it among the UnprocessedItems DynamoDB sends back.
/// </summary>
/// <remarks>
/// The SDK's marshaller turns attribute values into this same JSON, but spends longer on it than on
/// preparing the row: one pass from the request's JSON straight to DynamoDB's keeps the function within its budget.
/// </remarks>
public sealed class WireItem
{
    private Dictionary<string, AttributeValue>? _attributes;
    private string? _key;

    public WireItem(ReadOnlyMemory<byte> json, ItemKey.Part partition, ItemKey.Part? sort, ItemVersion? version = null)
    {
        Json = json;
        KeyValues = (partition, sort);
        Version = version;
    }

    /// <summary>The row's version and hash, for a dataset with a version field; else null (the last write wins).</summary>
    public ItemVersion? Version { get; }

    /// <summary>The item in DynamoDB JSON: <c>{"name":{"S":"value"},...}</c>.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>The key attributes' values, which tell two items of one table apart.</summary>
    public (ItemKey.Part Partition, ItemKey.Part? Sort) KeyValues { get; }

    /// <summary>
    /// The key as <see cref="ItemKey"/> spells it, built when first asked: only UnprocessedItems need it,
    /// and most calls have none.
    /// </summary>
    public string Key => _key ??= ItemKey.Of(KeyValues.Partition, KeyValues.Sort);

    /// <summary>The item as the SDK's attribute values, read back from <see cref="Json"/> when asked (tests, diagnostics).</summary>
    public IReadOnlyDictionary<string, AttributeValue> Attributes
    {
        get
        {
            if (_attributes is not null) return _attributes;
            using var document = JsonDocument.Parse(Json);
            return _attributes = DynamoDbJson.ReadItem(document.RootElement);
        }
    }

    /// <summary>An item already held as attribute values (tests, tools), keyed as <paramref name="target"/> says.</summary>
    public static WireItem From(WriteTarget target, Dictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(target);
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
            DynamoDbJson.WriteItem(writer, item);
        return new WireItem(output.WrittenMemory, ItemKey.PartOf(item, target.PartitionKey), target.SortKey is { } sort ? ItemKey.PartOf(item, sort) : null);
    }
}
