namespace Dynamo.Core.Writing;

/// <summary>How hard the writer pushes DynamoDB and how it backs off.</summary>
public sealed record BatchWriterOptions
{
    /// <summary>BatchWriteItem calls in flight at once (measured on DynamoDB Local: see the writer benchmark).</summary>
    public int MaxParallelism { get; init; } = 16;

    /// <summary>The first retry waits up to this long (DynamoDB's SDK default base is 25 ms).</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>No retry waits longer: well under the budget, so a throttled batch gets several more tries.</summary>
    public TimeSpan BackoffCap { get; init; } = TimeSpan.FromSeconds(2);
}
