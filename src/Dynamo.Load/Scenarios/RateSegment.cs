namespace Dynamo.Load.Scenarios;

/// <summary>A stretch of the run whose offered rate moves linearly from <see cref="From"/> to <see cref="To"/> requests per second.</summary>
public readonly record struct RateSegment(TimeSpan Length, double From, double To)
{
    /// <summary>Requests offered in the first <paramref name="elapsed"/> of the segment (the integral of the rate).</summary>
    public double ArrivalsBy(TimeSpan elapsed)
    {
        var t = elapsed.TotalSeconds;
        return From * t + (To - From) * t * t / (2 * Length.TotalSeconds);
    }

    /// <summary>The time into the segment at which <paramref name="arrivals"/> requests have been offered.</summary>
    public TimeSpan TimeOf(double arrivals)
    {
        var length = Length.TotalSeconds;
        var slope = (To - From) / length;
        // Solve From*t + slope*t^2/2 = arrivals for the non-negative t.
        var t = Math.Abs(slope) < 1e-12
            ? arrivals / From
            : (-From + Math.Sqrt(From * From + 2 * slope * arrivals)) / slope;
        return TimeSpan.FromSeconds(Math.Clamp(t, 0, length));
    }
}
