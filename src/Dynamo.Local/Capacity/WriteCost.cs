using System.Text;
using System.Text.Json;
using Dynamo.Local.Capacity.Requests;

namespace Dynamo.Local.Capacity;

/// <summary>
/// The write units of each kind of DynamoDB write, from its request JSON ("Capacity unit consumption for write
/// operations", developer guide): one unit per started KB of the item. DynamoDB bills a put that replaces an item by
/// the larger of the two (a resend replaces a row with itself, so the same size), a delete by the size of the item it
/// removes and an update by the larger of the item before and after; a proxy sees neither, so deletes are estimated by
/// their key (almost always 1 unit) and updates by their key plus the attributes they set (which undercounts an update
/// of a few attributes on a large item). A write whose condition fails costs the same (its item's size, at least 1).
/// Transactions cost twice: "DynamoDB performs two underlying reads or writes of every item in the transaction: one
/// to prepare the transaction and one to commit", condition checks included.
/// </summary>
internal static class WriteCost
{
    /// <summary>PutItem, UpdateItem or DeleteItem (or the same action in a transaction, before doubling): the one item it writes.</summary>
    public static int OfSingle(string operation, JsonElement request) => WriteUnits.ForItemOf(operation switch
    {
        "PutItem" or "Put" => ItemSize.Of(WireValue.Member(request, "Item")),
        "DeleteItem" or "Delete" or "ConditionCheck" => ItemSize.Of(WireValue.Member(request, "Key")),
        "UpdateItem" or "Update" => UpdatedSize(request),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not a single-item write."),
    });

    /// <summary>One element of BatchWriteItem's RequestItems: {"PutRequest":{"Item":..}} or {"DeleteRequest":{"Key":..}}; each counts on its own.</summary>
    public static int OfBatchRequest(JsonElement writeRequest) =>
        WriteUnits.ForItemOf(ItemSize.Of(WireValue.Member(writeRequest, "PutRequest") is { ValueKind: JsonValueKind.Object } put
            ? WireValue.Member(put, "Item")
            : WireValue.Member(WireValue.Member(writeRequest, "DeleteRequest"), "Key")));

    /// <summary>A PartiQL write: an INSERT by its item, an UPDATE by its key and what it sets, a DELETE or EXISTS by its key.</summary>
    public static int OfStatement(PartiqlWrite statement, TableKeys keys) => WriteUnits.ForItemOf(statement.Action switch
    {
        PartiqlAction.Insert => ItemSize.Of(statement.Item),
        PartiqlAction.Update => KeySize(statement.Where, keys) + statement.SetBytes,
        _ => KeySize(statement.Where, keys),
    });

    /// <summary>A transactional write: twice the units of the same write outside a transaction.</summary>
    public static int Transactional(int units) => 2 * units;

    private static int KeySize(JsonElement item, TableKeys keys) =>
        keys.Attributes.Sum(k => item.TryGetProperty(k.Name, out var value) ? ItemSize.Attribute(k.Name, value) : 0);

    private static int UpdatedSize(JsonElement request)
    {
        var size = ItemSize.Of(WireValue.Member(request, "Key"));
        // Legacy AttributeUpdates name each attribute with its value.
        if (WireValue.Member(request, "AttributeUpdates") is { ValueKind: JsonValueKind.Object } updates)
        {
            foreach (var update in updates.EnumerateObject())
                size += update.Value.ValueKind == JsonValueKind.Object && update.Value.TryGetProperty("Value", out var value)
                    ? ItemSize.Attribute(update.Name, value)
                    : Encoding.UTF8.GetByteCount(update.Name);
        }
        // An UpdateExpression's values and placeholder names; names written inline in the expression are not counted.
        if (WireValue.Member(request, "ExpressionAttributeValues") is { ValueKind: JsonValueKind.Object } values)
        {
            foreach (var value in values.EnumerateObject())
                size += ItemSize.Value(value.Value);
        }
        if (WireValue.Member(request, "ExpressionAttributeNames") is { ValueKind: JsonValueKind.Object } names)
        {
            foreach (var name in names.EnumerateObject())
                size += Encoding.UTF8.GetByteCount(WireValue.Text(name.Value) ?? "");
        }
        return size;
    }
}
