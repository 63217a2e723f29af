using Dynamo.Load.Measuring;

namespace Dynamo.Load.Reporting;

/// <summary>One second of the run in report.json's <c>windows</c>: rates are per second, so counts are rates.</summary>
/// <param name="Second">Seconds from the start of the run.</param>
/// <param name="OfferedRps">Requests due in this second (new requests, resends not counted).</param>
/// <param name="RequestsRps">HTTP requests sent, resends included.</param>
/// <param name="AdmittedRps">Of those, the ones the function answered (past the gateway's throttle).</param>
/// <param name="Status">HTTP status mix of the requests sent in this second ("none": no answer).</param>
/// <param name="LatencyMs">Latency of the requests sent in this second.</param>
/// <param name="RowsStored">Rows the answers confirmed stored.</param>
/// <param name="RetryRows">Rows the answers asked to resend.</param>
/// <param name="LateStarts">Requests due in this second that the generator started late.</param>
public sealed record WindowReport(
    int Second, long OfferedRps, long RequestsRps, long AdmittedRps, IReadOnlyDictionary<string, long> Status,
    LatencySummary LatencyMs, long RowsStored, long RetryRows, long LateStarts)
{
    /// <summary>The share of the requests sent in this second that got 429.</summary>
    public double ThrottledShare => RequestsRps == 0 ? 0 : (double)Status.GetValueOrDefault("429") / RequestsRps;

    internal static WindowReport Of(SecondWindow window) => new(
        window.Second, window.Offered, window.Requests, window.Admitted,
        new SortedDictionary<string, long>(window.Status, StringComparer.Ordinal),
        window.Latency, window.RowsStored, window.RetryRows, window.LateStarts);
}
