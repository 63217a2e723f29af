using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

// Usage:
//   Dynamo.StoreFloor csv FILE ROWS PREFIX                 writes ROWS orders as the CSV `dynamo send` reads
//   Dynamo.StoreFloor write DYNAMODB_URL ROWS PREFIX [IN_FLIGHT=16]
//                                                         writes the same rows (with the system attributes the
//                                                         function adds) to table orders, BatchWriteItem of 25,
//                                                         IN_FLIGHT calls at once; prints "floor MS ms"
// The floor is what the store itself can take: no CLI, no HTTP hop, no gateway, no function.
if (args.Length < 4 || args[0] is not ("csv" or "write"))
{
    Console.Error.WriteLine("usage: Dynamo.StoreFloor csv FILE ROWS PREFIX | write DYNAMODB_URL ROWS PREFIX [IN_FLIGHT]");
    return 2;
}
var rows = int.Parse(args[2], CultureInfo.InvariantCulture);
var prefix = args[3];

if (args[0] == "csv")
{
    using var csv = new StreamWriter(args[1], append: false, new UTF8Encoding(false));
    await csv.WriteLineAsync("orderId,customer,amount,currency,status,createdAt");
    for (var i = 0; i < rows; i++)
        await csv.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i},c-{i % 97},{i}.5,EUR,paid,2026-03-14T15:09:26Z"));
    return 0;
}

// 16 calls in flight: on 2 cores DynamoDB Local is CPU-bound well before that, so more only queue inside it.
var inFlight = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 16;
using var store = new AmazonDynamoDBClient(new BasicAWSCredentials("dummy", "dummy"),
    new AmazonDynamoDBConfig { ServiceURL = args[1], AuthenticationRegion = "us-east-1", MaxErrorRetry = 10 });
var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
var batches = Enumerable.Range(0, rows).Select(i => new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue>
{
    ["orderId"] = new() { S = $"{prefix}-{i}" },
    ["customer"] = new() { S = $"c-{i % 97}" },
    ["amount"] = new() { N = string.Create(CultureInfo.InvariantCulture, $"{i}.5") },
    ["currency"] = new() { S = "EUR" },
    ["status"] = new() { S = "paid" },
    ["createdAt"] = new() { S = "2026-03-14T15:09:26Z" },
    ["_hash"] = new() { S = new string('0', 64) },
    ["_ingestedAt"] = new() { S = now },
    ["_requestId"] = new() { S = prefix },
}))).Chunk(25).ToList();

var started = Stopwatch.GetTimestamp();
await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (batch, cancellationToken) =>
{
    var pending = new Dictionary<string, List<WriteRequest>> { ["orders"] = [.. batch] };
    while (pending.Count > 0)
        pending = (await store.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, cancellationToken)).UnprocessedItems ?? [];
});
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"floor {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms"));
return 0;
