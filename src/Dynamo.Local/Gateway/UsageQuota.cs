using System.Globalization;
using Dynamo.Local.Template;

namespace Dynamo.Local.Gateway;

/// <summary>
/// One API key's quota of its usage plan: at most Limit requests in each period, counted from the period's start in UTC
/// as API Gateway's QuotaSettings with Offset 0 count them (a DAY from midnight, a WEEK from Sunday, a MONTH from its
/// first day). A request over the quota is refused (QUOTA_EXCEEDED, 429 "Limit Exceeded") and not counted; the count
/// starts again with the next period. A period override shortens every period to a fixed length counted from the
/// key's first request, for tests that watch a period roll: its first period then starts when they start.
/// </summary>
public sealed class UsageQuota(UsageQuotaDefinition definition, TimeProvider clock, TimeSpan? periodOverride = null)
{
    private readonly Lock _sync = new();
    private DateTimeOffset? _firstRequest;
    private long _period = long.MinValue;
    private int _used;

    /// <summary>Counts one request; false when the period's quota is used up.</summary>
    public bool TryConsume()
    {
        lock (_sync)
        {
            var period = PeriodOf(clock.GetUtcNow());
            if (period != _period)
            {
                _period = period;
                _used = 0;
            }
            if (_used >= definition.Limit) return false;
            _used++;
            return true;
        }
    }

    private long PeriodOf(DateTimeOffset now)
    {
        if (periodOverride is { } length)
        {
            _firstRequest ??= now;
            return (now - _firstRequest.Value).Ticks / Math.Max(1, length.Ticks);
        }
        var day = now.UtcDateTime.Date;
        return definition.Period switch
        {
            "DAY" => day.Ticks,
            "WEEK" => day.AddDays(-(int)day.DayOfWeek).Ticks,
            "MONTH" => new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc).Ticks,
            var other => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Unknown quota period '{other}'.")),
        };
    }
}
