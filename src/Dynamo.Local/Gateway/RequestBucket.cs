using Dynamo.Local.Template;

namespace Dynamo.Local.Gateway;

/// <summary>
/// API Gateway's token bucket, for the stage (MethodSettings ThrottlingRateLimit/ThrottlingBurstLimit) and for each API
/// key of a usage plan (its Throttle): the bucket holds the burst, refills at the rate, and a request that finds it
/// empty is refused at once (THROTTLED, 429), never queued. The refill is computed from the time elapsed since the
/// last request, not added by a timer: a timer's ticks come late on a saturated CPU and each late tick lost its share
/// of the refill (61 of 70 admitted with every core busy), while elapsed time is exact however busy the machine is.
/// </summary>
public sealed class RequestBucket
{
    private readonly Lock _sync = new();
    private readonly double _rate;
    private readonly double _burst;
    private readonly TimeProvider _clock;
    private double _tokens;
    private long _refilledAt;

    public RequestBucket(StageThrottling throttling, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(throttling);
        _rate = throttling.RateLimit;
        _burst = Math.Max(1, throttling.BurstLimit);
        _clock = clock ?? TimeProvider.System;
        _tokens = _burst;
        _refilledAt = _clock.GetTimestamp();
    }

    /// <summary>Takes one token; false when the bucket is empty.</summary>
    public bool TryAdmit()
    {
        lock (_sync)
        {
            var now = _clock.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + _rate * _clock.GetElapsedTime(_refilledAt, now).TotalSeconds);
            _refilledAt = now;
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }
}
