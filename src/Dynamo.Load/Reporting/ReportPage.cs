using System.Globalization;
using System.Net;
using System.Text;

namespace Dynamo.Load.Reporting;

/// <summary>
/// report.html: one self-contained file (the charts are PNG images inside it as base64), so it can be mailed or
/// attached to a ticket and still show everything: the verdict, a summary table, the four charts.
/// </summary>
internal static class ReportPage
{
    public static string Render(LoadReport report)
    {
        var run = report.Run;
        var verdict = report.NothingLost
            ? report.Keys is null
                ? "<p class=\"ok\">Nothing lost: every row sent was read back as sent.</p>"
                : "<p class=\"ok\">Nothing lost: every key was read back at its newest version.</p>"
            : "<p class=\"bad\">Rows were lost, corrupted or duplicated: see the table and the examples below.</p>";
        var onset = report.ThrottleOnsetRps is { } rps
            ? Text($"Throttling started at {rps:0} requests/s offered (second {report.ThrottleOnsetSecond}): 429s over 1% of the responses.")
            : "No second had more than 1% of 429 responses: the system took the whole offered load.";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>dynamo load: {{Encode(run.RunId)}}</title>
            <style>
              body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }
              table { border-collapse: collapse; margin: 1em 0; }
              td, th { border: 1px solid #ccc; padding: 0.3em 0.8em; text-align: left; }
              td.n { text-align: right; font-variant-numeric: tabular-nums; }
              .ok { color: #1a7f37; font-weight: bold; } .bad { color: #c62828; font-weight: bold; }
              figure { margin: 1.5em 0; } figcaption { color: #555; font-size: 0.9em; }
              img { max-width: 100%; }
            </style>
            </head>
            <body>
            <h1>dynamo load: {{Encode(run.Dataset)}}</h1>
            <p>Run <code>{{Encode(run.RunId)}}</code> against <code>{{Encode(run.Api)}}</code> (table <code>{{Encode(run.Table)}}</code>),
            started {{run.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}} UTC: {{Encode(Describe(run))}}.</p>
            {{verdict}}
            <p>{{Encode(onset)}}</p>
            <h2>Summary</h2>
            <table>
            """);
        foreach (var (name, value) in Summary(report))
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{Encode(name)}</th><td class=\"n\">{Encode(value)}</td></tr>\n");
        html.Append("</table>\n");
        if (report.Problems.Count > 0)
        {
            html.Append("<h2>Examples of problems</h2>\n<ul>\n");
            foreach (var problem in report.Problems)
                html.Append(CultureInfo.InvariantCulture, $"<li><code>{Encode(problem)}</code></li>\n");
            html.Append("</ul>\n");
        }
        html.Append("<h2>Over time</h2>\n");
        Chart(html, ReportCharts.Rates(report), "Requests per second",
            "Offered: new requests due each second on the schedule. Sent: HTTP requests, resends included. Admitted: requests the function answered, i.e. not refused by the gateway's throttle. Where sent rises above offered, clients are resending; where admitted flattens below sent, the gateway is refusing.");
        Chart(html, ReportCharts.StatusMix(report), "Status mix",
            "HTTP statuses of the requests sent each second, stacked: 200 all stored, 207 some rows to resend, 429 throttled (gateway, or the store wrote nothing), 503 no capacity, none: no answer.");
        Chart(html, ReportCharts.Latency(report), "Latency",
            "p50, p95 and p99 of the requests sent each second (HdrHistogram), including throttled answers, which come back fast.");
        Chart(html, ReportCharts.Rows(report), "Rows per second",
            "Rows the answers confirmed stored, and rows they asked to resend (store throttling or the deadline): the retry share grows as the table's write capacity is reached.");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static IEnumerable<(string Name, string Value)> Summary(LoadReport report)
    {
        yield return ("Rows sent (unique)", Text($"{report.RowsSent:N0}"));
        yield return ("Rows verified", Text($"{report.RowsVerified:N0}"));
        yield return ("Lost", Text($"{report.Lost:N0}"));
        yield return ("Corrupted", Text($"{report.Corrupted:N0}"));
        yield return ("Duplicated", Text($"{report.Duplicated:N0}"));
        yield return ("Rows undelivered (the client gave up)", Text($"{report.RowsUndelivered:N0}"));
        yield return ("Rows refused invalid", Text($"{report.RowsInvalid:N0}"));
        if (report.Keys is { } keys)
            yield return ("Keys updated (each checked for its newest version)", Text($"{keys:N0}"));
        if (report.Keys is not null || report.Stale + report.Conflicts > 0)
        {
            yield return ("Stale (a newer version was stored)", Text($"{report.Stale:N0}"));
            yield return ("Conflicts (same version, other content)", Text($"{report.Conflicts:N0}"));
        }
        yield return ("Causes seen", report.Causes.Count == 0 ? "none" : string.Join("; ", report.Causes.Select(cause => cause.Detail)));
        yield return ("Requests offered", Text($"{report.OfferedRequests:N0}"));
        yield return ("HTTP requests (with resends)", Text($"{report.Requests:N0}"));
        yield return ("Resends (the client's retries)", Text($"{report.Retries:N0}"));
        yield return ("Status", string.Join(", ", report.Status.Select(s => Text($"{s.Key}: {s.Value:N0}"))));
        yield return ("Latency p50 / p95 / p99 / max", Text($"{report.LatencyMs.P50:0.#} / {report.LatencyMs.P95:0.#} / {report.LatencyMs.P99:0.#} / {report.LatencyMs.Max:0.#} ms"));
        yield return ("Throttle onset", report.ThrottleOnsetRps is { } rps ? Text($"{rps:0} rps offered (second {report.ThrottleOnsetSecond})") : "none");
        yield return ("Late starts (generator behind)", Text($"{report.LateStarts:N0} (start lag p99 {report.StartLagMs.P99:0.#} ms)"));
        if (report.CleanedUp is { } deleted)
            yield return ("Deleted by --cleanup", Text($"{deleted:N0}"));
    }

    private static string Describe(LoadRunDescription run) => Text(
        $"{run.Scenario} {run.Rate:0.##}{(run.RampTo is { } to ? $" to {to:0.##}" : "")} requests/s for {run.DurationSeconds:0.#} s, {run.RowsPerRequest} rows a request, seed {run.Seed}{(run.HotKeys > 0 ? $", {run.HotKeys} hot keys" : "")}; took {run.ElapsedSeconds:0.#} s with drain and read-back");

    private static void Chart(StringBuilder html, byte[] png, string title, string caption) =>
        html.Append(CultureInfo.InvariantCulture,
            $"<figure><img alt=\"{Encode(title)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"><figcaption>{Encode(caption)}</figcaption></figure>\n");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
