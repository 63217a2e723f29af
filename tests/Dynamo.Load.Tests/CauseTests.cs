using Dynamo.Load.Reporting;

namespace Dynamo.Load.Tests;

public class CauseTests
{
    [Fact]
    public void Each_cause_seen_is_named_in_order_with_its_count_and_none_when_nothing_held_the_run_back()
    {
        var status = new Dictionary<string, long> { ["200"] = 400, ["429"] = 3_193, ["503"] = 12, ["504"] = 3, ["none"] = 1 };

        var causes = Cause.Find(status, storeThrottledRows: 250, undeliveredRows: 500, TimeSpan.FromSeconds(120));

        Assert.Equal(
            [(Cause.StageThrottle, 3_193L), (Cause.Concurrency, 12L), (Cause.Timeouts, 4L), (Cause.StoreThrottling, 250L), (Cause.DrainWindow, 500L)],
            causes.Select(cause => (cause.Kind, cause.Count)));
        Assert.Contains("--drain 120 s", causes[^1].Detail, StringComparison.Ordinal);
        Assert.Empty(Cause.Find(new Dictionary<string, long> { ["200"] = 10 }, 0, 0, TimeSpan.FromMinutes(2)));
    }
}
