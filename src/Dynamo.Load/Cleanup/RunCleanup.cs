using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Load.Rows;

namespace Dynamo.Load.Cleanup;

/// <summary>
/// <c>--cleanup</c>: deletes every item under the run's keys, generated or not, found by a scan for the run's
/// partition key prefix, so nothing the run left behind survives it.
/// </summary>
internal sealed class RunCleanup(IAmazonDynamoDB dynamo, string table, RunKeySpace keys, TimeProvider time)
{
    /// <summary>BatchWriteItem takes at most 25 requests per call.</summary>
    private const int DeletesPerCall = 25;

    /// <returns>How many items were deleted.</returns>
    public async Task<long> DeleteAsync(CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string> { ["#pk"] = keys.PartitionKey };
        var projection = "#pk";
        if (keys.SortKey is { } sortKey)
        {
            names["#sk"] = sortKey;
            projection += ", #sk";
        }
        long deleted = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await StoreRetries.CallAsync(token => dynamo.ScanAsync(new ScanRequest
            {
                TableName = table,
                FilterExpression = "begins_with(#pk, :run)",
                ProjectionExpression = projection,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = new() { [":run"] = new AttributeValue { S = keys.RunId + "-" } },
                ExclusiveStartKey = start,
            }, token), time, cancellationToken).ConfigureAwait(false);
            var items = page.Items ?? [];
            await Parallel.ForEachAsync(items.Chunk(DeletesPerCall), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (chunk, token) => await DeleteAsync(chunk, token).ConfigureAwait(false)).ConfigureAwait(false);
            deleted += items.Count;
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        } while (start is not null);
        return deleted;
    }

    private async Task DeleteAsync(Dictionary<string, AttributeValue>[] items, CancellationToken cancellationToken)
    {
        var request = new Dictionary<string, List<WriteRequest>>
        {
            [table] = [.. items.Select(key => new WriteRequest { DeleteRequest = new DeleteRequest { Key = key } })],
        };
        for (var attempt = 0; request.Count > 0; attempt++)
        {
            if (attempt > 0)
                await Task.Delay(UnprocessedBackoff.Before(attempt), time, cancellationToken).ConfigureAwait(false);
            var response = await StoreRetries.CallAsync(token => dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = request }, token), time, cancellationToken).ConfigureAwait(false);
            request = response.UnprocessedItems is { Count: > 0 } unprocessed ? unprocessed : [];
        }
    }
}
