using System.Diagnostics;
using System.Globalization;
using Dynamo.Client;
using Spectre.Console;

namespace Dynamo.Cli.Sending;

/// <summary>
/// Progress while a send runs, on stderr: a live bar (how far into the file, rows stored and read, rows/s, resends,
/// throttles) on a terminal, otherwise the same figures as a plain line every few seconds.
/// </summary>
internal sealed class SendDisplay(TextWriter error, bool terminal, RowSource source, SendLedger ledger)
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan BarInterval = TimeSpan.FromMilliseconds(200);
    private readonly Stopwatch elapsed = Stopwatch.StartNew();

    public async Task<T> ShowWhileAsync<T>(Task<T> send)
    {
        if (!terminal)
        {
            while (await Task.WhenAny(send, Task.Delay(PlainInterval)) != send)
                await error.WriteLineAsync($"dynamo: {Figures(ledger.Latest)}");
            return await send;
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        await console.Progress()
            .AutoClear(true)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async context =>
            {
                var bar = context.AddTask("reading", maxValue: Math.Max(1, source.Length));
                while (await Task.WhenAny(send, Task.Delay(BarInterval)) != send)
                {
                    bar.Value = Math.Min(source.Position, source.Length);
                    bar.Description = Markup.Escape(Figures(ledger.Latest));
                }
                bar.Value = bar.MaxValue;
            });
        return await send;
    }

    private string Figures(SendProgress progress)
    {
        var seconds = Math.Max(elapsed.Elapsed.TotalSeconds, 0.001);
        return string.Create(CultureInfo.InvariantCulture,
            $"{progress.RowsStored:N0} stored / {progress.RowsRead:N0} read, {progress.RowsInvalid + ledger.UnreadableRows:N0} invalid, {progress.RowsStored / seconds:N0} rows/s, {progress.Retries:N0} resends, {progress.Throttles:N0} throttled");
    }
}
