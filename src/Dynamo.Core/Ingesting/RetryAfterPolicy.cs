using Dynamo.Contracts;

namespace Dynamo.Core.Ingesting;

/// <summary>
/// How long a client waits before resending retry rows: by the worst reason among them. A deadline means
/// the function ran out of time, not that the store is unwell: 1 s. A store error: 2 s. Throttling grows
/// with its share of the rows sent to the store, from 1 s (a few rows) to 5 s (every row), so the harder
/// DynamoDB pushes back, the longer clients wait.
/// </summary>
public static class RetryAfterPolicy
{
    public const int AfterDeadlineMs = 1_000;
    public const int AfterStoreErrorMs = 2_000;
    public const int AfterThrottlingMinMs = 1_000;
    public const int AfterThrottlingMaxMs = 5_000;

    /// <summary>Null when no row is retry.</summary>
    public static int? Milliseconds(IngestSummary summary, IReadOnlyList<RowResult> rows)
    {
        if (summary.Retry == 0) return null;
        var wait = 0;
        var throttled = 0;
        foreach (var row in rows)
        {
            if (row.Status != RowStatus.Retry) continue;
            if (row.Reason == RetryReasons.Throttled) throttled++;
            else wait = Math.Max(wait, row.Reason == RetryReasons.StoreError ? AfterStoreErrorMs : AfterDeadlineMs);
        }
        if (throttled > 0)
        {
            var share = (double)throttled / (summary.Stored + summary.Retry);
            wait = Math.Max(wait, AfterThrottlingMinMs + (int)Math.Round(share * (AfterThrottlingMaxMs - AfterThrottlingMinMs)));
        }
        return wait;
    }

    /// <summary>The Retry-After header counts whole seconds (RFC 9110): round up, at least 1.</summary>
    public static int? Seconds(int? milliseconds) =>
        milliseconds is { } ms ? Math.Max(1, (ms + 999) / 1000) : null;
}
