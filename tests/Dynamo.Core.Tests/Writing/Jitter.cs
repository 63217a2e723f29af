namespace Dynamo.Core.Tests.Writing;

/// <summary>A random source for the backoff that always draws the same fraction, and counts its draws.</summary>
public sealed class Jitter(double fraction) : Random
{
    private int _draws;

    /// <summary>Every backoff is zero: retries follow at once.</summary>
    public static Jitter None => new(0);

    /// <summary>Every backoff is its ceiling (a real source stops just short of 1).</summary>
    public static Jitter Full => new(1.0);

    public int Draws => Volatile.Read(ref _draws);

    public override double NextDouble()
    {
        Interlocked.Increment(ref _draws);
        return fraction;
    }
}
