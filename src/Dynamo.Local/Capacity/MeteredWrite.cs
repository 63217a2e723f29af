using System.Text.Json;

namespace Dynamo.Local.Capacity;

/// <summary>
/// One item write as DynamoDB meters it: its table, its partition key value (<see cref="WriteChecks.PartitionKeyOf"/>),
/// its write units, where it sits in the request (<see cref="Index"/>), and the part of the request it came from (a
/// BatchWriteItem PutRequest/DeleteRequest or a BatchExecuteStatement statement, to forward or hand back; the whole
/// request for a single write). An <see cref="Invalid"/> statement of a BatchExecuteStatement is forwarded uncharged
/// for DynamoDB Local to answer with its own error.
/// </summary>
internal sealed record MeteredWrite(string Table, string PartitionKey, int Units, JsonElement Request, int Index = 0, bool Invalid = false)
{
    /// <summary>The write puts a whole item (PutItem, a BatchWriteItem PutRequest): the item it stores is <see cref="ItemBytes"/> long.</summary>
    public bool IsPut { get; init; }
    /// <summary>A put's item size by DynamoDB's rules, system attributes included.</summary>
    public int ItemBytes { get; init; }
    /// <summary>A put's item size without the attributes whose names start with '_' (Dynamo's system attributes): the row's own fields.</summary>
    public int RowBytes { get; init; }

    /// <summary>A put of <paramref name="item"/>, sized whole and without its system attributes.</summary>
    public static MeteredWrite Put(string table, string partitionKey, int units, JsonElement request, JsonElement item, int index = 0)
    {
        var (itemBytes, rowBytes) = ItemSize.WithRowOf(item);
        return new(table, partitionKey, units, request, index) { IsPut = true, ItemBytes = itemBytes, RowBytes = rowBytes };
    }
}

/// <summary>Why a write was not let through, as DynamoDB names it in ThrottlingReasons.</summary>
internal enum ThrottleReason
{
    None,
    /// <summary>TableWriteMaxOnDemandThroughputExceeded: over the table's MaxWriteRequestUnits.</summary>
    TableMaxWriteRequestUnits,
    /// <summary>TableWriteKeyRangeThroughputExceeded: over 1,000 units per second on one partition key value.</summary>
    PartitionKeyThroughput,
}
