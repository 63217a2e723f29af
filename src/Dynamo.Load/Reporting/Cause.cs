using System.Globalization;

namespace Dynamo.Load.Reporting;

/// <summary>
/// Something the run saw that held rows or requests back, named as the stack names it (docs/load-testing.md, Causes):
/// the stage's token bucket (429), the function's reserved concurrency (503), timeouts (504, or no answer), DynamoDB
/// throttling the writes (rows told to retry "throttled"), or the drain window ending with rows still being resent.
/// </summary>
/// <param name="Kind">stage-throttle, concurrency, timeouts, store-throttling or drain-window.</param>
/// <param name="Count">How many answers (or rows, for store-throttling and drain-window) it concerned.</param>
/// <param name="Detail">One sentence for the console and the report page.</param>
public sealed record Cause(string Kind, long Count, string Detail)
{
    public const string StageThrottle = "stage-throttle";
    public const string Concurrency = "concurrency";
    public const string Timeouts = "timeouts";
    public const string StoreThrottling = "store-throttling";
    public const string DrainWindow = "drain-window";

    /// <summary>The causes seen, in that order; none when every request went through at once.</summary>
    /// <param name="status">Answers by HTTP status ("none": no answer).</param>
    /// <param name="storeThrottledRows">Rows the function told to resend because DynamoDB throttled them.</param>
    /// <param name="undeliveredRows">Rows the client gave up on when the run's time (duration + drain) ran out.</param>
    public static IReadOnlyList<Cause> Find(IReadOnlyDictionary<string, long> status, long storeThrottledRows, long undeliveredRows, TimeSpan drain)
    {
        ArgumentNullException.ThrowIfNull(status);
        var causes = new List<Cause>();
        var throttled = status.GetValueOrDefault("429");
        if (throttled > 0)
            causes.Add(new(StageThrottle, throttled, Text($"stage throttle: {throttled:N0} answers 429 (the stage's rate or burst limit, or with API keys the key's usage plan, which refused429 tells apart; the client waited Retry-After and resent)")));
        var refused = status.GetValueOrDefault("503");
        if (refused > 0)
            causes.Add(new(Concurrency, refused, Text($"concurrency: {refused:N0} answers 503 (the function's reserved concurrency was in use, or DynamoDB was unreachable)")));
        var timedOut = status.GetValueOrDefault("504");
        var unanswered = status.GetValueOrDefault("none");
        if (timedOut + unanswered > 0)
            causes.Add(new(Timeouts, timedOut + unanswered, Text($"timeouts: {timedOut:N0} answers 504 (the integration timeout) and {unanswered:N0} requests without an answer")));
        if (storeThrottledRows > 0)
            causes.Add(new(StoreThrottling, storeThrottledRows, Text($"store throttling: {storeThrottledRows:N0} rows told to retry because DynamoDB throttled their writes (the table's write capacity)")));
        if (undeliveredRows > 0)
            causes.Add(new(DrainWindow, undeliveredRows, Text($"drain window: {undeliveredRows:N0} rows were still being resent when the run's time ran out (--duration plus --drain {drain.TotalSeconds:0} s); a longer --drain lets them through")));
        return causes;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
