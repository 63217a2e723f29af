namespace Dynamo.Core.Writing;

/// <summary>How hard the writer pushes DynamoDB and how it backs off.</summary>
public sealed record BatchWriterOptions
{
    /// <summary>
    /// BatchWriteItem calls in flight at once, chosen for DynamoDB itself. DynamoDB Local writes one call at a
    /// time, so there fewer is slightly faster (the writer benchmark, 5,000 rows in 200 calls: 547 ms at 8, 564
    /// at 16, 616 at 32; docs/performance.md). On AWS each call mostly waits on the network (about 10 ms): 200
    /// calls take about 200 x 10 / N ms of the request's latency, 60 ms at 32 where 8 would take 250. Throttling
    /// is handled by backoff, not by fewer calls.
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
