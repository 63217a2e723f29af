namespace Dynamo.Local.Capacity;

/// <summary>
/// The capacity emulation's console lines ("capacity orders: 480 WCU/s used of 500, ..."): counts what
/// <see cref="CapacityBuckets"/> decided per table and, once per second of the clock, reports the tables that saw
/// writes in that second to the sink (and nothing while there is no write traffic).
/// </summary>
internal sealed class CapacityReport : IDisposable
{
    private readonly CapacityLimits _limits;
    private readonly ICapacitySink _sink;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private Dictionary<string, Counts> _second = new(StringComparer.Ordinal);

    public CapacityReport(CapacityLimits limits, TimeProvider time, ICapacitySink sink)
    {
        _limits = limits;
        _sink = sink;
        _timer = time.CreateTimer(_ => Flush(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Counts each write's decision: its units when it passed (and was charged), a refusal when it was throttled.</summary>
    public void Record(IEnumerable<(MeteredWrite Write, ThrottleReason Decision)> writes)
    {
        lock (_lock)
        {
            foreach (var (write, decision) in writes)
            {
                if (!_second.TryGetValue(write.Table, out var counts))
                    _second[write.Table] = counts = new Counts();
                switch (decision)
                {
                    case ThrottleReason.None:
                        counts.Units += write.Units;
                        if (write.IsPut)
                        {
                            counts.Puts++;
                            counts.ItemBytes += write.ItemBytes;
                            counts.RowBytes += write.RowBytes;
                            counts.RowUnits += WriteUnits.ForItemOf(write.RowBytes);
                        }
                        break;
                    case ThrottleReason.PartitionKeyThroughput: counts.Refused++; counts.RefusedOnHotKeys++; break;
                    default: counts.Refused++; break;
                }
            }
        }
    }

    private void Flush()
    {
        Dictionary<string, Counts> second;
        lock (_lock)
        {
            if (_second.Count == 0) return;
            second = _second;
            _second = new(StringComparer.Ordinal);
        }
        foreach (var (table, counts) in second.OrderBy(t => t.Key, StringComparer.Ordinal))
            _sink.Report(new CapacitySecond(table, counts.Units, _limits.MaxWriteRequestUnitsOf(table), counts.Refused, counts.RefusedOnHotKeys)
            {
                ItemsPut = counts.Puts,
                ItemBytes = counts.ItemBytes,
                RowBytes = counts.RowBytes,
                RowUnits = counts.RowUnits,
            });
    }

    public void Dispose() => _timer.Dispose();

    private sealed class Counts
    {
        public int Units;
        public int Refused;
        public int RefusedOnHotKeys;
        public int Puts;
        public long ItemBytes;
        public long RowBytes;
        public long RowUnits;
    }
}
