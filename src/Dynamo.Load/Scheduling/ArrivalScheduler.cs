namespace Dynamo.Load.Scheduling;

/// <summary>
/// Open-model arrivals: each request starts when it is due, whether or not earlier ones have answered, so a slow
/// system sees its queue grow as real clients would make it grow (a closed loop would slow down with it and hide
/// the overload). A request the generator itself starts late is still started, and its lag is reported, so the
/// generator never hides its own limits.
/// </summary>
public sealed class ArrivalScheduler(TimeProvider time)
{
    /// <summary>
    /// Calls <paramref name="start"/> for each due time in order, on time. <paramref name="start"/> must only
    /// start the request (hand it to the thread pool), never wait for it.
    /// </summary>
    /// <returns>How many requests were started.</returns>
    public async Task<long> RunAsync(IEnumerable<TimeSpan> dueTimes, Action<Arrival> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dueTimes);
        ArgumentNullException.ThrowIfNull(start);
        var origin = time.GetTimestamp();
        long sequence = 0;
        foreach (var due in dueTimes)
        {
            var wait = due - time.GetElapsedTime(origin);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var lag = time.GetElapsedTime(origin) - due;
            start(new Arrival(sequence++, due, lag > TimeSpan.Zero ? lag : TimeSpan.Zero));
        }
        return sequence;
    }
}
