using System.Text.Json;

namespace Dynamo.Local.Capacity;

/// <summary>
/// One item write as DynamoDB meters it: its table, its partition key value (the raw JSON of the key attribute,
/// so {"S":"a"} and {"N":"1"} differ), its write units, and the request it came from (a BatchWriteItem
/// PutRequest/DeleteRequest, or the whole single-item request) to forward or hand back unprocessed.
/// </summary>
internal sealed record MeteredWrite(string Table, string PartitionKey, int Units, JsonElement Request);

/// <summary>Why a write was not let through, as DynamoDB names it in ThrottlingReasons.</summary>
internal enum ThrottleReason
{
    None,
    /// <summary>TableWriteMaxOnDemandThroughputExceeded: over the table's MaxWriteRequestUnits.</summary>
    TableMaxWriteRequestUnits,
    /// <summary>TableWriteKeyRangeThroughputExceeded: over 1,000 units per second on one partition key value.</summary>
    PartitionKeyThroughput,
}
