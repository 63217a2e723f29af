using System.Text;
using System.Text.Json;

namespace Dynamo.Local.Capacity;

/// <summary>
/// The write units of each kind of DynamoDB write, from its request JSON. DynamoDB bills a put that replaces an
/// item by the larger of the two (a resend replaces a row with itself, so the same size), a delete by the size of
/// the item it removes and an update by the larger of the item before and after; a proxy sees neither, so
/// deletes are estimated by their key (almost always 1 unit) and updates by their key plus the attributes they
/// set (which undercounts an update of a few attributes on a large item).
/// </summary>
internal static class WriteCost
{
    /// <summary>PutItem, UpdateItem or DeleteItem: the one item it writes.</summary>
    public static int OfSingle(string operation, JsonElement request) => WriteUnits.ForItemOf(operation switch
    {
        "PutItem" => ItemSize.Of(Member(request, "Item")),
        "DeleteItem" => ItemSize.Of(Member(request, "Key")),
        "UpdateItem" => UpdatedSize(request),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a single-item write."),
    });

    /// <summary>One element of BatchWriteItem's RequestItems: {"PutRequest":{"Item":..}} or {"DeleteRequest":{"Key":..}}; each counts on its own.</summary>
    public static int OfBatchRequest(JsonElement writeRequest) => WriteUnits.ForItemOf(ItemSize.Of(TargetOf(writeRequest)));

    /// <summary>The item or key a write targets: the Item of a put, the Key of a delete or update.</summary>
    public static JsonElement TargetOf(JsonElement request) =>
        Member(request, "PutRequest") is { ValueKind: JsonValueKind.Object } put ? Member(put, "Item")
        : Member(request, "DeleteRequest") is { ValueKind: JsonValueKind.Object } delete ? Member(delete, "Key")
        : Member(request, "Item") is { ValueKind: JsonValueKind.Object } item ? item
        : Member(request, "Key");

    /// <summary>The raw JSON of the partition key attribute's value; an item without one (DynamoDB will reject it) gets "".</summary>
    public static string PartitionKeyOf(JsonElement itemOrKey, string partitionKey) =>
        itemOrKey.ValueKind == JsonValueKind.Object && itemOrKey.TryGetProperty(partitionKey, out var value) ? value.GetRawText() : "";

    private static int UpdatedSize(JsonElement request)
    {
        var size = ItemSize.Of(Member(request, "Key"));
        // Legacy AttributeUpdates name each attribute with its value.
        if (Member(request, "AttributeUpdates") is { ValueKind: JsonValueKind.Object } updates)
        {
            foreach (var update in updates.EnumerateObject())
                size += update.Value.TryGetProperty("Value", out var value) ? ItemSize.Attribute(update.Name, value) : Encoding.UTF8.GetByteCount(update.Name);
        }
        // An UpdateExpression's values and placeholder names; names written inline in the expression are not counted.
        if (Member(request, "ExpressionAttributeValues") is { ValueKind: JsonValueKind.Object } values)
        {
            foreach (var value in values.EnumerateObject())
                size += ItemSize.Value(value.Value);
        }
        if (Member(request, "ExpressionAttributeNames") is { ValueKind: JsonValueKind.Object } names)
        {
            foreach (var name in names.EnumerateObject())
                size += Encoding.UTF8.GetByteCount(name.Value.GetString() ?? "");
        }
        return size;
    }

    private static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var member) ? member : default;
}
