using Microsoft.Extensions.Time.Testing;

namespace Dynamo.Core.Tests.Writing;

public static class FakeClock
{
    public static FakeTimeProvider At2026() => new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// Moves the fake clock forward in small steps until the task ends, so backoff waits and the hard
    /// deadline happen (a fake clock only moves when told). Fails rather than spin for ever.
    /// </summary>
    public static async Task<T> RunAsync<T>(this FakeTimeProvider clock, Task<T> task, TimeSpan? step = null)
    {
        for (var i = 0; !task.IsCompleted; i++)
        {
            if (i > 20_000) throw new TimeoutException("The task did not end while the fake clock moved.");
            clock.Advance(step ?? TimeSpan.FromMilliseconds(10));
            await Task.Delay(1);
        }
        return await task;
    }
}
