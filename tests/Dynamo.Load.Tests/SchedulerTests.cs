using Dynamo.Load.Scenarios;
using Dynamo.Load.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace Dynamo.Load.Tests;

public sealed class SchedulerTests
{
    [Fact]
    public async Task Requests_start_on_schedule_while_a_slow_server_has_answered_none_of_them()
    {
        var clock = new FakeTimeProvider();
        var started = new List<Arrival>();
        var answered = 0;
        var slowServer = new List<Task>();
        var profile = RateProfile.For(Scenario.Steady, rate: 10, peak: 10, TimeSpan.FromSeconds(3));

        var run = new ArrivalScheduler(clock).RunAsync(profile.Arrivals(), arrival =>
        {
            lock (started) started.Add(arrival);
            // Each request takes a minute to answer: a closed-loop generator would have sent one by now.
            slowServer.Add(Task.Delay(TimeSpan.FromMinutes(1), clock).ContinueWith(_ => Interlocked.Increment(ref answered), TaskScheduler.Default));
        }, CancellationToken.None);

        for (var step = 1; step <= 30; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            // Wait (in real time) for the scheduler to take the arrivals now due: 10 per second, the first at zero.
            Assert.True(SpinWait.SpinUntil(() => Count(started) == Math.Min(30, step + 1), TimeSpan.FromSeconds(10)), $"at step {step}: {Count(started)} started");
        }

        Assert.Equal(30, await run);
        Assert.Equal(0, answered);
        Assert.All(started, arrival => Assert.Equal(TimeSpan.Zero, arrival.Lag));
        Assert.Equal([.. Enumerable.Range(0, 30).Select(i => TimeSpan.FromMilliseconds(100 * i))], started.Select(a => a.Due));
    }

    [Fact]
    public async Task Requests_the_generator_could_not_start_on_time_still_start_with_their_lag()
    {
        var clock = new FakeTimeProvider();
        var started = new List<Arrival>();
        var profile = RateProfile.For(Scenario.Steady, rate: 10, peak: 10, TimeSpan.FromSeconds(1));
        var run = new ArrivalScheduler(clock).RunAsync(profile.Arrivals(), arrival =>
        {
            lock (started) started.Add(arrival);
            // The generator stalls for a whole second on its first request (GC pause, starved thread).
            if (arrival.Sequence == 0) clock.Advance(TimeSpan.FromSeconds(1));
        }, CancellationToken.None);

        Assert.Equal(10, await run);
        Assert.Equal(TimeSpan.Zero, started[0].Lag);
        Assert.Equal(TimeSpan.FromMilliseconds(900), started[1].Lag);
        Assert.Equal(TimeSpan.FromMilliseconds(100), started[9].Lag);
    }

    private static int Count(List<Arrival> started)
    {
        lock (started) return started.Count;
    }
}
