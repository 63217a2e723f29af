namespace Dynamo.Client.Sending;

/// <summary>
/// The one place that decides how long to wait before a resend (docs/http-api.md, the client-action table): at least the server's word
/// (Retry-After, then <c>retryAfterMs</c>), plus exponential backoff with full jitter. The jitter is added even
/// to the server's wait: clients throttled together are all told the same Retry-After, and would otherwise
/// come back together and be throttled again (`dynamo load` saw 390 resends a second against a 15 rps stage).
/// </summary>
internal sealed class ResendPolicy(SendOptions options, Random random)
{
    /// <summary>The wait after <paramref name="answer"/>, the <paramref name="failures"/>-th answer in a row that stored nothing.</summary>
    public TimeSpan DelayAfter(Answer answer, int failures) => answer switch
    {
        RowsAnswer rows => (rows.RetryAfter
            ?? (rows.Response.RetryAfterMs is { } ms ? TimeSpan.FromMilliseconds(Math.Max(0, ms)) : TimeSpan.Zero))
            + Backoff(failures),
        ResendAll whole => (whole.RetryAfter ?? TimeSpan.Zero) + Backoff(failures),
        _ => TimeSpan.Zero,
    };

    /// <summary>Full jitter: uniform in [0, min(max, base * 2^(failures-1))], so clients that failed together spread out.</summary>
    public TimeSpan Backoff(int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ceiling = Math.Min(options.MaxBackoff.Ticks, options.BaseBackoff.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)(random.NextDouble() * ceiling));
    }
}
