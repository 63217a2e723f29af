namespace Dynamo.Core.Writing;

/// <summary>
/// Exponential backoff with full jitter (the AWS Architecture Blog's "Exponential Backoff And Jitter"):
/// the n-th retry waits a uniformly random time in [0, min(cap, base * 2^(n-1))). Full jitter spreads
/// the retries of many throttled batches, and of many Lambda instances, instead of syncing them.
/// </summary>
public sealed class FullJitterBackoff(TimeSpan baseDelay, TimeSpan cap, Random random)
{
    /// <param name="retry">1 for the first retry.</param>
    public TimeSpan Delay(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var ceiling = Ceiling(retry);
        return TimeSpan.FromTicks((long)(random.NextDouble() * ceiling.Ticks));
    }

    /// <summary>The longest the n-th retry can wait.</summary>
    public TimeSpan Ceiling(int retry)
    {
        // 2^30 * any sane base is far past any cap: stop doubling before the ticks overflow.
        var exponent = Math.Min(retry - 1, 30);
        var ticks = Math.Min(cap.Ticks, baseDelay.Ticks * (double)(1L << exponent));
        return TimeSpan.FromTicks((long)ticks);
    }
}
