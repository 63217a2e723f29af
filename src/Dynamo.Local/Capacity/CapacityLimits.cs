namespace Dynamo.Local.Capacity;

/// <summary>
/// The write limits the emulation enforces: per table, an optional MaxWriteRequestUnits (the on-demand maximum
/// throughput of the SAM template's table); tables not listed are uncapped. Every table is also held to
/// DynamoDB's own 1,000 write units per second per partition key value.
/// </summary>
public sealed record CapacityLimits
{
    /// <summary>DynamoDB's per-partition write limit, which one partition key value can never exceed.</summary>
    public const int PartitionKeyWriteUnitsPerSecond = 1000;

    public static CapacityLimits Uncapped { get; } = new();

    /// <summary>MaxWriteRequestUnits per table name; a null value leaves that table uncapped.</summary>
    public IReadOnlyDictionary<string, int?> MaxWriteRequestUnits { get; init; } = new Dictionary<string, int?>(StringComparer.Ordinal);

    /// <summary>The same cap for each of the given tables (what `--write-capacity WCU` means for the datasets' tables).</summary>
    public static CapacityLimits ForTables(int? maxWriteRequestUnits, params IEnumerable<string> tables) => new()
    {
        MaxWriteRequestUnits = tables.ToDictionary(t => t, _ => maxWriteRequestUnits, StringComparer.Ordinal),
    };

    public int? MaxWriteRequestUnitsOf(string table) =>
        MaxWriteRequestUnits.TryGetValue(table, out var cap) ? cap : null;
}
