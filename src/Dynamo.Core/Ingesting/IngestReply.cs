using Dynamo.Contracts;

namespace Dynamo.Core.Ingesting;

/// <summary>
/// The whole answer to an ingest request whose body was well formed: the HTTP status, the body, and the
/// Retry-After header's value in seconds (on 429 and 503 only).
/// </summary>
public sealed record IngestReply(int StatusCode, IngestResponse Body, int? RetryAfterSeconds)
{
    /// <summary>
    /// Builds the reply from every row's result (index, key, status, errors, reason), one per row of the
    /// request. <paramref name="listAllRows"/> is <c>?rows=all</c>: list stored rows too. The rows listed are
    /// cut to fit Lambda's response limit (<see cref="ReplyBudget"/>); the summary always counts every row.
    /// </summary>
    public static IngestReply From(string requestId, string dataset, IReadOnlyList<RowResult> rows, bool listAllRows = false)
    {
        var ordered = rows.OrderBy(r => r.Index).ToList();
        var summary = new IngestSummary(
            Received: ordered.Count,
            Stored: ordered.Count(r => r.Status == RowStatus.Stored),
            Invalid: ordered.Count(r => r.Status == RowStatus.Invalid),
            Duplicate: ordered.Count(r => r.Status == RowStatus.Duplicate),
            Retry: ordered.Count(r => r.Status == RowStatus.Retry),
            Stale: ordered.Count(r => r.Status == RowStatus.Stale),
            Conflict: ordered.Count(r => r.Status == RowStatus.Conflict));
        var retryAfterMs = RetryAfterPolicy.Milliseconds(summary, ordered);
        var status = IngestHttpStatus.For(summary, ordered);
        var (listed, truncated) = ReplyBudget.Fit(listAllRows ? ordered : [.. ordered.Where(r => r.Status != RowStatus.Stored)]);
        var body = new IngestResponse
        {
            RequestId = requestId,
            Dataset = dataset,
            Complete = summary.Retry == 0,
            Summary = summary,
            RetryAfterMs = retryAfterMs,
            Truncated = truncated,
            Rows = listed,
        };
        return new IngestReply(status, body, IngestHttpStatus.CarriesRetryAfter(status) ? RetryAfterPolicy.Seconds(retryAfterMs) : null);
    }
}
