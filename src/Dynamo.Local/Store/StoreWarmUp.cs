using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.Local.Store;

/// <summary>
/// DynamoDB Local's own warm-up, done before the stack says it is ready: a JVM answers its first writes slowly
/// (its JIT compiles the write path, SQLite opens its pages), so the first bulk load or load test would otherwise
/// measure that. The stack sends them through its write-capacity emulation, whose own first requests are slow too
/// (its code is compiled as it first runs). The writes go to a scratch table of their own, deleted afterwards, so
/// no dataset sees them.
/// </summary>
public static class StoreWarmUp
{
    /// <summary>
    /// 40 batches of 25 items, 4 in flight: about a thousand writes, which brought DynamoDB Local's BatchWriteItem
    /// to its steady speed in the measurements of issue 21 (the first ~hundreds of writes ran several times slower).
    /// </summary>
    public const int Batches = 40;
    public const int InFlight = 4;
    private const int ItemsPerBatch = 25;

    /// <summary>Writes <see cref="Batches"/> batches to a scratch table, deletes it, and returns a line saying so.</summary>
    public static async Task<string> RunAsync(IAmazonDynamoDB client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var elapsed = Stopwatch.StartNew();
        var table = $"dynamo-warm-up-{Guid.NewGuid():N}";
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, Batches), new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken },
                async (batch, token) =>
                {
                    var request = new BatchWriteItemRequest
                    {
                        RequestItems = new Dictionary<string, List<WriteRequest>>
                        {
                            [table] = [.. Enumerable.Range(0, ItemsPerBatch).Select(i => new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue>
                            {
                                ["id"] = new(string.Create(CultureInfo.InvariantCulture, $"{batch}-{i}")),
                                ["value"] = new() { N = i.ToString(CultureInfo.InvariantCulture) },
                                ["text"] = new(new string('x', 100)),
                            })))],
                        },
                    };
                    await client.BatchWriteItemAsync(request, token).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        finally
        {
            await client.DeleteTableAsync(table, CancellationToken.None).ConfigureAwait(false);
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"warmed up DynamoDB Local ({Batches * ItemsPerBatch} writes in {elapsed.Elapsed.TotalSeconds:0.0} s)");
    }
}
