using Dynamo.Core.Writing;

namespace Dynamo.Load;

/// <summary>
/// The read-back's and the cleanup's calls to DynamoDB: a throttled or failed call (a table whose capacity the run
/// itself used up; DynamoDB Local restarting after a fault, 20 to 40 s on a busy machine) is made again after
/// <see cref="UnprocessedBackoff"/>'s wait, for up to <see cref="GiveUpAfter"/>; the SDK's own three tries are over
/// in well under a second. Every call retried here only reads or deletes, so asking again is safe.
/// </summary>
internal static class StoreRetries
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    public static async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (StoreFailures.Classify(e) is StoreFailure.Throttled or StoreFailure.Transient
                                      && time.GetElapsedTime(started) < GiveUpAfter)
            {
                // Asked again below, after the backoff.
            }
            await Task.Delay(UnprocessedBackoff.Before(attempt), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
