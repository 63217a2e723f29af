using System.Threading.RateLimiting;
using Dynamo.Local.Template;

namespace Dynamo.Local.Gateway;

/// <summary>
/// The stage's token bucket (MethodSettings ThrottlingRateLimit/ThrottlingBurstLimit): the bucket holds the burst,
/// refills at the rate, and a request that finds it empty is refused at once (THROTTLED, 429), never queued.
/// </summary>
public sealed class StageThrottle : IDisposable
{
    // Refill in small steps so the rate is smooth: about every 10 ms, at least one token a step.
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    private readonly TokenBucketRateLimiter _bucket;

    public StageThrottle(StageThrottling throttling)
    {
        ArgumentNullException.ThrowIfNull(throttling);
        var tokensPerStep = Math.Max(1, (int)Math.Round(throttling.RateLimit * Step.TotalSeconds));
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, throttling.BurstLimit),
            TokensPerPeriod = tokensPerStep,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerStep / throttling.RateLimit),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>Takes one token; false when the bucket is empty.</summary>
    public bool TryAdmit()
    {
        using var lease = _bucket.AttemptAcquire();
        return lease.IsAcquired;
    }

    public void Dispose() => _bucket.Dispose();
}
