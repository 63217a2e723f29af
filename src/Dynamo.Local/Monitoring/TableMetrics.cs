using Dynamo.Local.Capacity;

namespace Dynamo.Local.Monitoring;

/// <summary>
/// One table's AWS/DynamoDB write metrics as the capacity emulation decided them: ConsumedWriteCapacityUnits (Sum per
/// second, against MaxWriteRequestUnits) and WriteThrottleEvents (the items refused); and the rows the ingest function
/// stored and answered retry for, from its EMF metrics RowsStored and RowsRetry with this table's dataset.
/// </summary>
internal sealed class TableMetrics(string name, int? maxWriteRequestUnits, TimeProvider clock)
{
    private readonly MetricSeries _consumed = new("Count", clock);
    private readonly MetricSeries _throttleEvents = new("Count", clock);
    private readonly MetricSeries _rowsStored = new("Count", clock);
    private readonly MetricSeries _rowsRetry = new("Count", clock);

    public string Name { get; } = name;

    public void Reported(CapacitySecond second)
    {
        _consumed.Add(second.UnitsConsumed);
        _throttleEvents.Add(second.ItemsRefused);
    }

    public void Rows(string metric, double value)
    {
        if (metric == "RowsStored") _rowsStored.Add(value);
        else if (metric == "RowsRetry") _rowsRetry.Add(value);
    }

    public TableSnapshot Snapshot() => new(Name, maxWriteRequestUnits, new Dictionary<string, MetricSnapshot>(StringComparer.Ordinal)
    {
        ["ConsumedWriteCapacityUnits"] = _consumed.Snapshot(),
        ["WriteThrottleEvents"] = _throttleEvents.Snapshot(),
        ["RowsStored"] = _rowsStored.Snapshot(),
        ["RowsRetry"] = _rowsRetry.Snapshot(),
    });
}
