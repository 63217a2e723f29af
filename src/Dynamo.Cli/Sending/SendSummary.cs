using System.Globalization;
using Dynamo.Cli.Commands;
using Dynamo.Client;
using Dynamo.Contracts;

namespace Dynamo.Cli.Sending;

/// <summary>The one-line summary of a send and its exit code (docs/sending.md, exit codes).</summary>
internal static class SendSummary
{
    /// <summary>
    /// 0: every row stored (or stale: a newer version won); 3: every valid row settled, some rejected (invalid or
    /// conflict: the user must act); 1: rows left unstored; 130: interrupted.
    /// </summary>
    public static int ExitCode(SendResult result, long rejectedRows) => result.Stop switch
    {
        _ when result.AllValidRowsStored => rejectedRows == 0 ? ExitCodes.Success : ExitCodes.SomeRowsRejected,
        SendStop.Cancelled => ExitCodes.Interrupted,
        _ => ExitCodes.Failure,
    };

    public static string Text(string file, DatasetDescription dataset, SendResult result, SendLedger ledger, string rejectsPath, TimeSpan elapsed, TimeSpan budget)
    {
        var invalid = result.Invalid + ledger.UnreadableRows;
        var rows = result.RowsRead + ledger.UnreadableRows;
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        var line = Format($"{Path.GetFileName(file)} -> {dataset.Name}: {rows:N0} rows, {result.Stored:N0} stored, {invalid:N0} invalid, {result.Duplicate:N0} duplicate");
        // Only a versioned dataset answers stale or conflict; elsewhere the two zeros would only be noise.
        if (dataset.VersionField is not null || result.Stale + result.Conflict > 0)
            line += Format($", {result.Stale:N0} stale, {result.Conflict:N0} conflict{(result.Conflict == 1 ? "" : "s")}");
        if (result.Unstored > 0 || result.Stop != SendStop.Completed)
            line += Format($", {result.Unstored:N0} unstored");
        var last = ledger.Latest;
        line += Format($" in {seconds:0.0} s ({result.Stored / seconds:N0} rows/s, {result.Requests:N0} requests, {last.Retries:N0} resends, {last.Throttles:N0} throttled{Failures(last)})");
        if (ledger.SkippedRows > 0)
            line += Format($"; {ledger.SkippedRows:N0} rows settled by an earlier run were skipped");
        var invalidListed = invalid + ledger.EarlierInvalidRows > 0;
        var conflictsListed = result.Conflict + ledger.EarlierConflictRows > 0;
        if (invalidListed || conflictsListed)
            line += $"; {(invalidListed && conflictsListed ? "invalid and conflict" : invalidListed ? "invalid" : "conflict")} rows are in {rejectsPath}";
        line += result.Stop switch
        {
            _ when result.AllValidRowsStored => ".",
            SendStop.Cancelled => "; interrupted: run the same command again to resume.",
            _ => Format($"; gave up after the time budget ({budget.TotalSeconds:0} s): run the same command again to resume."),
        };
        return line;
    }

    /// <summary>", 3 gateway timeouts (504), 1 server error (5xx), 2 unanswered": only the kinds that happened.</summary>
    public static string Failures(SendProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var text = "";
        if (progress.GatewayTimeouts > 0) text += Format($", {progress.GatewayTimeouts:N0} gateway timeout{(progress.GatewayTimeouts == 1 ? "" : "s")} (504)");
        if (progress.ServerErrors > 0) text += Format($", {progress.ServerErrors:N0} server error{(progress.ServerErrors == 1 ? "" : "s")} (5xx)");
        if (progress.Unanswered > 0) text += Format($", {progress.Unanswered:N0} unanswered");
        return text;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
