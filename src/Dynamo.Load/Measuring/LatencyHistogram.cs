using HdrHistogram;

namespace Dynamo.Load.Measuring;

/// <summary>HdrHistograms of latencies in microseconds, up to an hour; longer values count as an hour.</summary>
internal static class LatencyHistogram
{
    private const long HighestMicroseconds = 3_600_000_000;

    /// <param name="digits">Significant digits: 3 for the run's totals; 2 per window (about 20 KB each instead of 200 KB).</param>
    public static LongHistogram Create(int digits) => new(HighestMicroseconds, digits);

    public static void Record(HistogramBase histogram, TimeSpan latency) =>
        histogram.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 0, HighestMicroseconds));
}
