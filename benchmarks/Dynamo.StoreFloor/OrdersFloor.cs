using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

/// <summary>
/// The floor of a write: order rows as the ingest function stores them (the fields plus its system attributes),
/// written straight to the table <c>orders</c> by a bare parallel BatchWriteItem loop of 25 items a call, with no CLI,
/// HTTP hop, gateway or function. Shared by Dynamo.StoreFloor (scripts/bench send) and Dynamo.GatewayBench.
/// </summary>
internal static class OrdersFloor
{
    /// <summary>Writes <paramref name="rows"/> orders keyed <c>PREFIX-i</c>, <paramref name="parallelism"/> calls at once; the milliseconds it took.</summary>
    public static async Task<double> WriteAsync(IAmazonDynamoDB store, string prefix, int rows, int parallelism)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var batches = Enumerable.Range(0, rows).Select(i => new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue>
        {
            ["orderId"] = new() { S = $"{prefix}-{i}" },
            ["customer"] = new() { S = $"c-{i % 97}" },
            ["amount"] = new() { N = string.Create(CultureInfo.InvariantCulture, $"{i}.5") },
            ["currency"] = new() { S = "EUR" },
            ["status"] = new() { S = "paid" },
            ["createdAt"] = new() { S = "2026-03-14T15:09:26Z" },
            // The system attributes as Dynamo.Core's SystemAttributes names and shapes them (this project does not reference it).
            ["_h"] = new() { S = new string('0', 22) },
            ["_at"] = new() { N = now },
            ["_rid"] = new() { S = prefix },
        }))).Chunk(25).ToList();

        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (batch, cancellationToken) =>
        {
            var pending = new Dictionary<string, List<WriteRequest>> { ["orders"] = [.. batch] };
            while (pending.Count > 0)
                pending = (await store.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, cancellationToken)).UnprocessedItems ?? [];
        });
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
