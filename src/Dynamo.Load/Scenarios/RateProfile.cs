namespace Dynamo.Load.Scenarios;

/// <summary>
/// The offered rate over the run, piecewise linear, and the arrival times it implies: request k is due when the
/// integral of the rate reaches k, so a ramp offers exactly its average rate times its length.
/// </summary>
public sealed class RateProfile
{
    private readonly IReadOnlyList<RateSegment> segments;

    public RateProfile(IReadOnlyList<RateSegment> segments)
    {
        ArgumentOutOfRangeException.ThrowIfZero(segments.Count);
        foreach (var segment in segments)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(segment.Length, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(segment.From, 0);
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(segment.To, 0);
        }
        this.segments = segments;
        Duration = segments.Aggregate(TimeSpan.Zero, (sum, segment) => sum + segment.Length);
    }

    public TimeSpan Duration { get; }

    /// <param name="rate">R: the starting (steady, spike, step) or only rate.</param>
    /// <param name="peak">R2: where a ramp or the steps end, the top of a spike; ignored by steady.</param>
    public static RateProfile For(Scenario scenario, double rate, double peak, TimeSpan duration) => new(scenario switch
    {
        Scenario.Steady or Scenario.Updates => [new RateSegment(duration, rate, rate)],
        Scenario.Ramp => [new RateSegment(duration, rate, peak)],
        Scenario.Spike => [new(duration * 0.4, rate, rate), new(duration * 0.2, peak, peak), new(duration * 0.4, rate, rate)],
        _ => [.. Enumerable.Range(0, 5).Select(i => new RateSegment(duration / 5, rate + (peak - rate) * i / 4, rate + (peak - rate) * i / 4))],
    });

    /// <summary>The offered rate at <paramref name="elapsed"/> into the run.</summary>
    public double RateAt(TimeSpan elapsed)
    {
        foreach (var segment in segments)
        {
            if (elapsed < segment.Length)
                return segment.From + (segment.To - segment.From) * elapsed.TotalSeconds / segment.Length.TotalSeconds;
            elapsed -= segment.Length;
        }
        return segments[^1].To;
    }

    /// <summary>When each request is due, from the start of the run: the first at zero, in order, all before <see cref="Duration"/>.</summary>
    public IEnumerable<TimeSpan> Arrivals()
    {
        var start = TimeSpan.Zero;
        var before = 0.0;
        long next = 0;
        foreach (var segment in segments)
        {
            var total = before + segment.ArrivalsBy(segment.Length);
            // A tiny tolerance keeps float error from dropping or doubling the arrival on a segment boundary.
            for (; next < total - 1e-9; next++)
                yield return start + segment.TimeOf(next - before);
            before = total;
            start += segment.Length;
        }
    }
}
