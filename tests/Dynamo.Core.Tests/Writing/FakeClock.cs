using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Dynamo.Core.Tests.Writing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that starts on 2026-01-01 and records the due time of every timer
/// created on it: the writer's hard-deadline timer first, then one per backoff wait.
/// </summary>
public sealed class FakeClock() : FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
{
    private readonly ConcurrentQueue<TimeSpan> _timers = new();

    public IReadOnlyList<TimeSpan> Timers => _timers.ToList();

    /// <summary>The backoff waits, in milliseconds: every timer but the hard deadline's.</summary>
    public IReadOnlyList<double> BackoffWaitsMs => Timers.Skip(1).Select(t => Math.Round(t.TotalMilliseconds, 2)).ToList();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timers.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>
    /// Moves the clock forward in small steps until the task ends, so backoff waits and the hard deadline
    /// happen (a fake clock only moves when told). Fails rather than spin for ever.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> task, TimeSpan? step = null)
    {
        for (var i = 0; !task.IsCompleted; i++)
        {
            if (i > 20_000) throw new TimeoutException("The task did not end while the fake clock moved.");
            Advance(step ?? TimeSpan.FromMilliseconds(10));
            await Task.Delay(1);
        }
        return await task;
    }
}
