using System.Text.Json;

namespace Dynamo.Local.Capacity.Requests;

/// <summary>
/// PutItem, UpdateItem, DeleteItem and BatchWriteItem read for metering, with DynamoDB's checks of the request: a
/// BatchWriteItem has 1 to 25 requests over its tables, each a PutRequest or a DeleteRequest, no two on one item
/// ("Provided list of item keys contains duplicates"); every item and key passes <see cref="WriteChecks"/>.
/// </summary>
internal static class ItemWrites
{
    /// <summary>BatchWriteItem's limit: "Too many items requested for the BatchWriteItem call" above it.</summary>
    public const int MaxBatchRequests = 25;

    public static async Task<MeteredRequest?> ReadAsync(RequestReader reader, CancellationToken cancellationToken)
    {
        var root = reader.Body;
        if (reader.Operation == "BatchWriteItem") return await BatchAsync(reader, cancellationToken);

        var name = WireValue.Member(root, "TableName");
        if (await reader.TableAsync(name, cancellationToken) is not { } keys) return null;
        var (target, valid) = reader.Operation switch
        {
            "PutItem" => (WireValue.Member(root, "Item"), WriteChecks.IsValidItem(WireValue.Member(root, "Item"), keys)),
            "DeleteItem" => (WireValue.Member(root, "Key"), WriteChecks.IsValidKey(WireValue.Member(root, "Key"), keys)),
            _ => (WireValue.Member(root, "Key"), WriteChecks.IsValidKey(WireValue.Member(root, "Key"), keys) && UpdatedValuesAreValid(root)),
        };
        if (!valid) return reader.Invalid(WriteShape.Single);
        var units = WriteCost.OfSingle(reader.Operation, root);
        var partitionKey = WriteChecks.PartitionKeyOf(target, keys);
        reader.Add(reader.Operation == "PutItem"
            ? MeteredWrite.Put(name.GetString()!, partitionKey, units, root, target)
            : new MeteredWrite(name.GetString()!, partitionKey, units, root));
        return reader.Request(WriteShape.Single);
    }

    private static async Task<MeteredRequest?> BatchAsync(RequestReader reader, CancellationToken cancellationToken)
    {
        var requestItems = WireValue.Member(reader.Body, "RequestItems");
        if (requestItems.ValueKind != JsonValueKind.Object) return reader.Invalid(WriteShape.ItemBatch);
        var count = 0;
        foreach (var table in requestItems.EnumerateObject())
        {
            if (await reader.TableAsync(table.Name, cancellationToken) is not { } keys) return null;
            if (table.Value.ValueKind != JsonValueKind.Array || table.Value.GetArrayLength() == 0) return reader.Invalid(WriteShape.ItemBatch);
            var items = new HashSet<string>(StringComparer.Ordinal);
            foreach (var request in table.Value.EnumerateArray())
            {
                var put = WireValue.Member(request, "PutRequest");
                var delete = WireValue.Member(request, "DeleteRequest");
                if ((put.ValueKind == JsonValueKind.Object) == (delete.ValueKind == JsonValueKind.Object)) return reader.Invalid(WriteShape.ItemBatch);
                var target = put.ValueKind == JsonValueKind.Object ? WireValue.Member(put, "Item") : WireValue.Member(delete, "Key");
                var valid = put.ValueKind == JsonValueKind.Object ? WriteChecks.IsValidItem(target, keys) : WriteChecks.IsValidKey(target, keys);
                if (!valid || !items.Add(WriteChecks.KeyOf(target, keys))) return reader.Invalid(WriteShape.ItemBatch);
                var partitionKey = WriteChecks.PartitionKeyOf(target, keys);
                var units = WriteCost.OfBatchRequest(request);
                reader.Add(put.ValueKind == JsonValueKind.Object
                    ? MeteredWrite.Put(table.Name, partitionKey, units, request, target, count++)
                    : new MeteredWrite(table.Name, partitionKey, units, request, count++));
            }
        }
        return count is 0 or > MaxBatchRequests ? reader.Invalid(WriteShape.ItemBatch) : reader.Request(WriteShape.ItemBatch);
    }

    /// <summary>The values an update writes (ExpressionAttributeValues, legacy AttributeUpdates) are checked like an item's.</summary>
    public static bool UpdatedValuesAreValid(JsonElement request)
    {
        if (WireValue.Member(request, "ExpressionAttributeValues") is { ValueKind: JsonValueKind.Object } values
            && !values.EnumerateObject().All(v => WriteChecks.IsValidValue(v.Value)))
            return false;
        if (WireValue.Member(request, "AttributeUpdates") is { ValueKind: JsonValueKind.Object } updates)
        {
            foreach (var update in updates.EnumerateObject())
            {
                if (WireValue.Member(update.Value, "Value") is { ValueKind: JsonValueKind.Object } value && !WriteChecks.IsValidValue(value))
                    return false;
            }
        }
        return true;
    }
}
