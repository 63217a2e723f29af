namespace Dynamo.Core.Querying;

/// <summary>
/// DynamoDB runs a SELECT as a full table scan unless its WHERE clause has an equality or IN condition on
/// the partition key: it then reads (and bills) every item of the table, whatever the filter keeps.
/// </summary>
public static class FullScanWarning
{
    /// <summary>The warning for the statement, or null when it reads only the partitions it names.</summary>
    public static string? For(SelectStatement statement, TableKeys keys)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(keys);
        if (PartitionKeyCondition.PinsPartitionKey(statement.Where, keys.PartitionKey)) return null;
        var target = statement.Index is null ? $"table {statement.Table}" : $"index {statement.Index} of table {statement.Table}";
        return $"full table scan: the WHERE clause has no equality or IN condition on {keys.PartitionKey}, the partition key of "
            + $"{target}, so DynamoDB reads and bills every item (add {keys.PartitionKey} = ? or {keys.PartitionKey} IN [...] to read only those partitions).";
    }
}
