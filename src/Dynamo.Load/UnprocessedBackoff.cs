namespace Dynamo.Load;

/// <summary>
/// The wait before asking DynamoDB again for what a batch call left unprocessed (the read-back's keys, the
/// cleanup's deletes): doubling from 50 ms to at most 1 s, as AWS advises for UnprocessedKeys/UnprocessedItems.
/// </summary>
internal static class UnprocessedBackoff
{
    public static TimeSpan Before(int attempt) => TimeSpan.FromMilliseconds(Math.Min(1000, 25 << Math.Clamp(attempt, 1, 6)));
}
