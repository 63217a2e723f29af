namespace Dynamo.Local.Monitoring;

/// <summary>
/// One metric as CloudWatch keeps it, in one-second periods: each period's SampleCount, Sum, Maximum and p99, for the
/// last <see cref="RetainedSeconds"/> seconds (the console's charts), and the statistics since the stack started (its
/// numbers), p50 and p99 over the last <see cref="RetainedSamples"/> datapoints so memory stays bounded however long
/// the stack runs. Only periods with datapoints exist, as in CloudWatch.
/// </summary>
internal sealed class MetricSeries(string unit, TimeProvider clock)
{
    public const int RetainedSeconds = 300;
    public const int RetainedSamples = 10_000;
    // Enough for a period's p99 at any rate the local stack reaches, without keeping every datapoint of a busy second.
    private const int SamplesPerPeriod = 2_000;

    private readonly Lock _lock = new();
    private readonly Queue<Period> _periods = new();
    private readonly double[] _recent = new double[RetainedSamples];
    private int _recentCount;
    private int _recentNext;
    private long _sampleCount;
    private double _sum;
    private double? _maximum;
    private Period? _last;

    public string Unit { get; } = unit;

    public void Add(double value)
    {
        var second = clock.GetUtcNow().ToUnixTimeSeconds();
        lock (_lock)
        {
            _sampleCount++;
            _sum += value;
            _maximum = _maximum is { } max ? Math.Max(max, value) : value;
            _recent[_recentNext] = value;
            _recentNext = (_recentNext + 1) % RetainedSamples;
            _recentCount = Math.Min(_recentCount + 1, RetainedSamples);

            if (_last is null || _last.Second != second)
                _periods.Enqueue(_last = new Period(second));
            var period = _last;
            period.SampleCount++;
            period.Sum += value;
            period.Maximum = Math.Max(period.Maximum, value);
            if (period.Values.Count < SamplesPerPeriod) period.Values.Add(value);
            while (_periods.TryPeek(out var oldest) && oldest.Second <= second - RetainedSeconds)
                _periods.Dequeue();
        }
    }

    public MetricSnapshot Snapshot()
    {
        var oldestKept = clock.GetUtcNow().ToUnixTimeSeconds() - RetainedSeconds;
        lock (_lock)
        {
            var recent = _recent.AsSpan(0, _recentCount).ToArray();
            Array.Sort(recent);
            return new MetricSnapshot
            {
                Unit = Unit,
                SampleCount = _sampleCount,
                Sum = _sum,
                Maximum = _maximum,
                P50 = Percentile(recent, 50),
                P99 = Percentile(recent, 99),
                Periods = [.. _periods.Where(period => period.Second > oldestKept).Select(period => period.Snapshot())],
            };
        }
    }

    /// <summary>Nearest rank, as CloudWatch's pNN on the raw datapoints; null without any.</summary>
    internal static double? Percentile(double[] sorted, int percent)
    {
        if (sorted.Length == 0) return null;
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private sealed class Period(long second)
    {
        public long Second { get; } = second;
        public long SampleCount { get; set; }
        public double Sum { get; set; }
        public double Maximum { get; set; } = double.MinValue;
        public List<double> Values { get; } = [];

        public PeriodSnapshot Snapshot()
        {
            var sorted = Values.ToArray();
            Array.Sort(sorted);
            return new PeriodSnapshot(Second, SampleCount, Sum, Maximum, Percentile(sorted, 99));
        }
    }
}
