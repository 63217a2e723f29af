using System.Diagnostics;
using System.Globalization;
using Dynamo.Client;
using Spectre.Console;

namespace Dynamo.Cli.Sending;

/// <summary>
/// Progress while a send runs, on stderr: a live bar of rows settled (stored, invalid, duplicate, stale, conflict) against the rows in
/// the file, with rows/s, resends, throttles and 5xx answers, on a terminal; otherwise the same figures as a plain line
/// every few seconds. Either way a line says so when the API stops answering (<see cref="SilenceNotice"/>).
/// </summary>
internal sealed class SendDisplay(TextWriter error, bool terminal, RowSource source, SendLedger ledger, TimeSpan budget)
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan BarInterval = TimeSpan.FromMilliseconds(200);
    private readonly Stopwatch elapsed = Stopwatch.StartNew();
    private readonly SilenceNotice silence = new(TimeProvider.System, budget);

    public async Task<T> ShowWhileAsync<T>(Task<T> send)
    {
        if (!terminal)
        {
            var lastLine = Stopwatch.StartNew();
            while (await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(1))) != send)
            {
                if (silence.Check(ledger.Latest) is { } notice)
                    await error.WriteLineAsync(notice);
                if (lastLine.Elapsed < PlainInterval) continue;
                lastLine.Restart();
                await error.WriteLineAsync($"dynamo: {Figures(ledger.Latest)}");
            }
            return await send;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        await console.Progress()
            .AutoClear(true)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async context =>
            {
                const double scale = 10_000;
                var bar = context.AddTask("sending", maxValue: scale);
                while (await Task.WhenAny(send, Task.Delay(BarInterval)) != send)
                {
                    var latest = ledger.Latest;
                    bar.Value = scale * Settled(latest).Fraction(ended: false);
                    bar.Description = Markup.Escape(Figures(latest));
                    if (silence.Check(latest) is { } notice)
                        console.WriteLine(notice);
                }
                bar.Value = scale;
            });
        return await send;
    }

    private SettledRows Settled(SendProgress progress)
    {
        var earlier = ledger.SkippedRows + ledger.UnreadableRows;
        return new SettledRows(earlier + progress.RowsSettled, earlier + progress.RowsRead, Math.Min(source.Position, source.Length), source.Length);
    }

    private string Figures(SendProgress progress)
    {
        var seconds = Math.Max(elapsed.Elapsed.TotalSeconds, 0.001);
        var rows = Settled(progress);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{rows.Settled:N0} of {(rows.FileRead ? "" : "~")}{rows.RowsInFile:N0} rows settled ({progress.RowsStored:N0} stored, {progress.RowsInvalid + ledger.UnreadableRows:N0} invalid, {progress.RowsDuplicate:N0} duplicate{Versioned(progress)}), {progress.RowsStored / seconds:N0} rows/s, {progress.Retries:N0} resends, {progress.Throttles:N0} throttled");
        return text + SendSummary.Failures(progress);
    }

    /// <summary>", 3 stale, 1 conflicts" once a versioned dataset answered either.</summary>
    private static string Versioned(SendProgress progress) =>
        progress.RowsStale + progress.RowsConflict == 0
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $", {progress.RowsStale:N0} stale, {progress.RowsConflict:N0} conflict{(progress.RowsConflict == 1 ? "" : "s")}");
}
