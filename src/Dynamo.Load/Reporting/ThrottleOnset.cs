namespace Dynamo.Load.Reporting;

/// <summary>
/// Where throttling starts (docs/load-testing.md): the first second of the schedule in which 429s were more than
/// 1% of the responses; its offered rate is the rate the system could not take.
/// </summary>
public static class ThrottleOnset
{
    public const double Share = 0.01;

    /// <param name="scheduled">Seconds of the schedule; the drain after it offers nothing and is not searched.</param>
    public static WindowReport? Find(IReadOnlyList<WindowReport> windows, int scheduled) =>
        windows.Take(scheduled).FirstOrDefault(window => window.ThrottledShare > Share);
}
