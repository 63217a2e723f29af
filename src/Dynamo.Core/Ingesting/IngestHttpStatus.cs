using System.Net;
using Dynamo.Contracts;

namespace Dynamo.Core.Ingesting;

/// <summary>The HTTP status of a well-formed ingest request, from its rows (docs/http-api.md, The HTTP status of a well-formed request).</summary>
public static class IngestHttpStatus
{
    public const int Ok = (int)HttpStatusCode.OK;
    public const int MultiStatus = (int)HttpStatusCode.MultiStatus;
    public const int TooManyRequests = (int)HttpStatusCode.TooManyRequests;
    public const int ServiceUnavailable = (int)HttpStatusCode.ServiceUnavailable;

    /// <summary>
    /// 200: every row stored, duplicate or stale (a stale row is settled: the table holds a newer version). 429:
    /// nothing stored and every row that is not invalid is retry because the store throttled (so a duplicate,
    /// stale or conflict row, being neither, rules it out). 503: nothing stored
    /// and the store failed or was unreachable for at least one row (throttling of others does not change
    /// that). 207 otherwise: some stored, any invalid or conflict row (the client must act on it), or nothing
    /// stored only because time ran out (a deadline says nothing about the store's health).
    /// </summary>
    public static int For(IngestSummary summary, IReadOnlyList<RowResult> rows)
    {
        if (summary.Retry == 0 && summary.Invalid == 0 && summary.Conflict == 0) return Ok;
        if (summary.Stored == 0 && summary.Retry > 0)
        {
            var retryRows = rows.Where(r => r.Status == RowStatus.Retry).ToList();
            if (summary.Duplicate == 0 && summary.Stale == 0 && summary.Conflict == 0 && retryRows.TrueForAll(r => r.Reason == RetryReasons.Throttled)) return TooManyRequests;
            if (retryRows.Exists(r => r.Reason == RetryReasons.StoreError)) return ServiceUnavailable;
        }
        return MultiStatus;
    }

    /// <summary>The statuses that tell the client how long to wait in a Retry-After header.</summary>
    public static bool CarriesRetryAfter(int status) => status is TooManyRequests or ServiceUnavailable;
}
