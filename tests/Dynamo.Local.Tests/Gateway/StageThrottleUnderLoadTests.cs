using Dynamo.Local.Gateway;
using Dynamo.Local.Template;

namespace Dynamo.Local.Tests.Gateway;

/// <summary>
/// The stage's bucket decides by the clock, not by how fast the machine runs: with every core busy, the requests it
/// admits in a few seconds are still its burst plus its rate times the time (issue 21: 104 of 109 with six busy loops).
/// </summary>
public sealed class StageThrottleUnderLoadTests
{
    [Fact]
    public void With_the_CPU_saturated_the_bucket_admits_its_burst_plus_its_rate_times_the_duration()
    {
        const int rate = 20, burst = 10;
        var duration = TimeSpan.FromSeconds(3);
        var throttle = new RequestBucket(new StageThrottling(rate, burst));
        using var stop = new CancellationTokenSource();
        // Two busy loops a core, below normal priority so the test's own loop still runs: the machine saturated.
        var burners = Enumerable.Range(0, Environment.ProcessorCount * 2).Select(_ => new Thread(() =>
        {
            var x = 0UL;
            while (!stop.IsCancellationRequested) x = x * 31 + 7;
            GC.KeepAlive(x);
        }) { IsBackground = true, Priority = ThreadPriority.BelowNormal }).ToList();
        burners.ForEach(thread => thread.Start());
        try
        {
            var admitted = 0;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < duration)
            {
                if (throttle.TryAdmit()) admitted++;
                Thread.Sleep(1);
            }

            var expected = burst + rate * duration.TotalSeconds;
            Assert.InRange(admitted, 0.9 * expected, 1.1 * expected);
        }
        finally
        {
            stop.Cancel();
            burners.ForEach(thread => thread.Join());
        }
    }
}
