using Amazon.DynamoDBv2;
using Dynamo.Core.Writing.Wire;

namespace Dynamo.Core.Writing;

/// <summary>
/// Writes the rows of one request to one table with BatchWriteItem, 25 rows a call and
/// <see cref="BatchWriterOptions.MaxParallelism"/> calls in flight, retrying what DynamoDB did not take,
/// within a <see cref="WriteBudget"/>; answers a <see cref="RowWriteResult"/> for every row. A versioned
/// dataset's rows go one per conditional PutItem instead, as many in flight (docs/datasets.md, "Versioned datasets").
/// </summary>
/// <remarks>
/// The client must not retry on its own (<c>MaxErrorRetry = 0</c>): its retries would wait outside the
/// budget and without our jitter, and a throttled call would look to us like one slow success or failure.
/// </remarks>
public sealed class BatchWriter(IAmazonDynamoDB dynamo, TimeProvider clock, BatchWriterOptions options, Random? jitter = null)
{
    /// <summary>DynamoDB's limit: at most 25 put or delete requests in one BatchWriteItem call.</summary>
    public const int MaxBatchSize = 25;

    private readonly IAmazonDynamoDB _dynamo = dynamo is AmazonDynamoDBClient and not WireDynamoDbClient
        ? throw new ArgumentException(
            $"The writer sends prepared items, which only a {nameof(WireDynamoDbClient)} carries; create the client as one.", nameof(dynamo))
        : dynamo;

    // Random.Shared is thread-safe, as the batches written in parallel need.
    private readonly FullJitterBackoff _backoff = new(options.BackoffBase, options.BackoffCap, jitter ?? Random.Shared);

    /// <summary>
    /// Writes <paramref name="rows"/> (their keys unique, as BatchWriteItem requires) and returns their
    /// results in the same order. Cancelling <paramref name="cancellationToken"/> abandons the request
    /// (it throws); running out of <paramref name="budget"/> does not: it is an answer.
    /// </summary>
    public async Task<BatchWriteResult> WriteAsync(
        WriteTarget target, IReadOnlyList<PendingWrite> rows, WriteBudget budget, CancellationToken cancellationToken = default)
    {
        var untilHard = budget.Hard - clock.GetUtcNow();
        using var hardDeadline = new CancellationTokenSource(untilHard > TimeSpan.Zero ? untilHard : TimeSpan.Zero, clock);
        using var callToken = CancellationTokenSource.CreateLinkedTokenSource(hardDeadline.Token, cancellationToken);
        var run = new WriteRun(_dynamo, clock, _backoff, options.StoreErrorAttempts, target, rows, budget, callToken.Token, cancellationToken);

        // A versioned dataset's rows are conditional PutItem calls, one row each (BatchWriteItem takes no conditions).
        var size = target.Versioned ? 1 : MaxBatchSize;
        var batches = Enumerable.Range(0, (rows.Count + size - 1) / size)
            .Select(b => Enumerable.Range(b * size, Math.Min(size, rows.Count - b * size)).ToArray());
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(batches, parallel, async (batch, _) => await run.WriteBatchAsync(batch));
        return run.Result();
    }
}
