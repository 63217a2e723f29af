using System.Globalization;

namespace Dynamo.Cli.Sending;

/// <summary>
/// Says on the console when the API stops answering: no answer of any kind (a row status, a throttle, an error) for
/// <see cref="After"/>, then again every <see cref="Every"/> while the silence lasts, and once when answers come back.
/// The send itself goes on resending until its time budget; the notice says so, so that a silent console does not
/// look like a hung one.
/// </summary>
internal sealed class SilenceNotice(TimeProvider clock, TimeSpan budget)
{
    /// <summary>Long enough for a busy stack's slowest normal answer (a 5,000-row request takes 1-3 s).</summary>
    public static readonly TimeSpan After = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    private readonly DateTimeOffset _started = clock.GetUtcNow();
    private object? _lastSeen;
    private DateTimeOffset _lastAnswer = clock.GetUtcNow();
    private DateTimeOffset? _lastNotice;

    /// <summary>
    /// Looks at the latest progress report (a new object for every answer); returns the line to print, if any.
    /// </summary>
    public string? Check(object latest)
    {
        var now = clock.GetUtcNow();
        if (!ReferenceEquals(latest, _lastSeen))
        {
            _lastSeen = latest;
            _lastAnswer = now;
            if (_lastNotice is null) return null;
            _lastNotice = null;
            return "dynamo: the API answers again.";
        }
        var silent = now - _lastAnswer;
        if (silent < After || (_lastNotice is { } last && now - last < Every)) return null;
        _lastNotice = now;
        var left = budget - (now - _started);
        return string.Create(CultureInfo.InvariantCulture,
            $"dynamo: no answer from the API for {silent.TotalSeconds:0} s; still resending until the time budget runs out ({Math.Max(0, left.TotalSeconds):0} s left of --budget {budget.TotalSeconds:0}s; Ctrl-C stops, and the same command resumes).");
    }
}
