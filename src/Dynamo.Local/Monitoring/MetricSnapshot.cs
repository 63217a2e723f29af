namespace Dynamo.Local.Monitoring;

/// <summary>
/// A metric's statistics as the console's JSON carries them, with CloudWatch's unit: since the stack started
/// (SampleCount, Sum, Maximum, p50 and p99 of the recent datapoints) and per one-second period (the charts).
/// </summary>
public sealed record MetricSnapshot
{
    public required string Unit { get; init; }
    public required long SampleCount { get; init; }
    public required double Sum { get; init; }
    public double? Maximum { get; init; }
    public double? P50 { get; init; }
    public double? P99 { get; init; }
    public IReadOnlyList<PeriodSnapshot> Periods { get; init; } = [];
}

/// <summary>One second of a metric: its start (seconds since the epoch), SampleCount, Sum, Maximum and p99.</summary>
public sealed record PeriodSnapshot(long Second, long SampleCount, double Sum, double Maximum, double? P99);
