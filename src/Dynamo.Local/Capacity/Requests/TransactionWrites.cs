using System.Text.Json;

namespace Dynamo.Local.Capacity.Requests;

/// <summary>
/// TransactWriteItems read for metering, with DynamoDB's checks of the request: 1 to 100 actions, each exactly one of
/// ConditionCheck, Put, Update or Delete, no two on one item ("Transaction request cannot include multiple operations
/// on one item"), every item and key valid, at most 4 MB of items in all. Each action costs twice its write units.
/// </summary>
internal static class TransactionWrites
{
    /// <summary>TransactWriteItems' and ExecuteTransaction's limit ("Member must have length less than or equal to 100").</summary>
    public const int MaxActions = 100;

    /// <summary>"Transaction payload size cannot exceed 4MB".</summary>
    public const int MaxPayloadBytes = 4 * 1024 * 1024;

    private static readonly string[] Actions = ["ConditionCheck", "Put", "Update", "Delete"];

    public static async Task<MeteredRequest?> ReadAsync(RequestReader reader, CancellationToken cancellationToken)
    {
        var transactItems = WireValue.Member(reader.Body, "TransactItems");
        if (transactItems.ValueKind != JsonValueKind.Array || transactItems.GetArrayLength() is 0 or > MaxActions)
            return reader.Invalid(WriteShape.Transaction);
        var items = new HashSet<(string, string)>();
        var payload = 0;
        var index = 0;
        foreach (var transactItem in transactItems.EnumerateArray())
        {
            var named = Actions.Where(a => WireValue.Member(transactItem, a).ValueKind == JsonValueKind.Object).ToList();
            if (named.Count != 1) return reader.Invalid(WriteShape.Transaction);
            var action = WireValue.Member(transactItem, named[0]);
            var table = WireValue.Member(action, "TableName");
            if (await reader.TableAsync(table, cancellationToken) is not { } keys) return null;
            var target = named[0] == "Put" ? WireValue.Member(action, "Item") : WireValue.Member(action, "Key");
            var valid = named[0] switch
            {
                "Put" => WriteChecks.IsValidItem(target, keys),
                "Update" => WriteChecks.IsValidKey(target, keys) && ItemWrites.UpdatedValuesAreValid(action),
                _ => WriteChecks.IsValidKey(target, keys),
            };
            if (!valid || !items.Add((table.GetString()!, WriteChecks.KeyOf(target, keys)))) return reader.Invalid(WriteShape.Transaction);
            payload += ItemSize.Of(target);
            reader.Add(new MeteredWrite(table.GetString()!, WriteChecks.PartitionKeyOf(target, keys),
                WriteCost.Transactional(WriteCost.OfSingle(named[0], action)), transactItem, index++));
        }
        return payload > MaxPayloadBytes ? reader.Invalid(WriteShape.Transaction) : reader.Request(WriteShape.Transaction);
    }
}
