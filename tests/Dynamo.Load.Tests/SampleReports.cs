using Dynamo.Load.Measuring;
using Dynamo.Load.Reporting;

namespace Dynamo.Load.Tests;

/// <summary>A report of a 20 s ramp that hits a 15 rps throttle at second 9, made up so report tests need no run.</summary>
internal static class SampleReports
{
    public static LoadReport ThrottledRamp()
    {
        var windows = Enumerable.Range(0, 24).Select(second =>
        {
            var offered = second < 20 ? 5 + second * 35 / 20 : 0;
            var sent = second < 20 ? offered + Math.Max(0, offered - 15) : 6;
            var throttled = second is >= 9 and < 20 ? sent - 15 : 0;
            var status = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["200"] = sent - throttled };
            if (throttled > 0) status["429"] = throttled;
            return new WindowReport(second, offered, sent, sent - throttled, status,
                new LatencySummary(20 + second, 40 + second, 60 + 2 * second, 90 + 3 * second), (sent - throttled) * 100, second % 5 == 0 ? 100 : 0, 0);
        }).ToList();
        var onset = ThrottleOnset.Find(windows, 20);
        return new LoadReport
        {
            RowsSent = 45_000,
            Requests = windows.Sum(w => w.RequestsRps),
            RowsVerified = 45_000,
            Lost = 0,
            Corrupted = 0,
            Duplicated = 0,
            Status = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["200"] = 450, ["429"] = 140 },
            LatencyMs = new LatencySummary(25, 60, 90, 150),
            ThrottleOnsetRps = onset?.OfferedRps,
            ThrottleOnsetSecond = onset?.Second,
            Retries = 0,
            RowsUndelivered = 0,
            RowsInvalid = 0,
            Causes = [],
            OfferedRequests = 450,
            LateStarts = 0,
            StartLagMs = new LatencySummary(0.1, 0.5, 1, 2),
            Problems = [],
            Run = new LoadRunDescription("load-20261129-030000-abcd", "orders", "orders", "http://127.0.0.1:3000/dev", "ramp", 5, 40, 20, 100, 0, 1,
                new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero), 31.2),
            Windows = windows,
        };
    }
}
