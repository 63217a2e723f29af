using HdrHistogram;

namespace Dynamo.Load.Measuring;

/// <summary>Latency percentiles in milliseconds (report.json's <c>latencyMs</c>).</summary>
public sealed record LatencySummary(double P50, double P95, double P99, double Max)
{
    public static readonly LatencySummary None = new(0, 0, 0, 0);

    /// <summary>From a histogram of microseconds.</summary>
    internal static LatencySummary Of(HistogramBase microseconds) => microseconds.TotalCount == 0
        ? None
        : new(Ms(microseconds.GetValueAtPercentile(50)), Ms(microseconds.GetValueAtPercentile(95)),
            Ms(microseconds.GetValueAtPercentile(99)), Ms(microseconds.GetMaxValue()));

    private static double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 1);
}
