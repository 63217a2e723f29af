namespace Dynamo.Core.Writing;

/// <summary>How hard the writer pushes DynamoDB and how it backs off.</summary>
public sealed record BatchWriterOptions
{
    /// <summary>
    /// BatchWriteItem calls in flight at once. 32 was the fastest of 8, 16 and 32 in every run of the
    /// writer benchmark on DynamoDB Local (5,000 rows, 200 calls); against DynamoDB itself each call waits
    /// on the network longer, which favours more in flight, and throttling is handled by backoff.
    /// </summary>
    public int MaxParallelism { get; init; } = 32;

    /// <summary>The first retry waits up to this long (DynamoDB's SDK default base is 25 ms).</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>No retry waits longer: well under the budget, so a throttled batch gets several more tries.</summary>
    public TimeSpan BackoffCap { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A batch whose calls fail this many times in a row with a store error (a 5xx, a refused or dropped
    /// connection) takes the store as unavailable: the request starts nothing more and answers its unwritten rows
    /// retry store-error (a 503 when nothing was stored), instead of every batch retrying until the deadline. 3 is
    /// the AWS SDKs' standard retry mode's attempt count. Throttling is not a store error: it is retried until the
    /// deadline.
    /// </summary>
    public int StoreErrorAttempts { get; init; } = 3;
}
