using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Core.Ingesting;
using Dynamo.Core.Writing;
using Dynamo.Core.Writing.Wire;

namespace Dynamo.VersionedWrites;

/// <summary>
/// The product's own path, the <c>product</c> mode: one 5,000-row request of the unversioned <c>orders</c> (BatchWriteItem)
/// against one of the versioned <c>inventory</c> (conditional PutItem) through <see cref="RowIngestor"/> with the
/// function's writer options, on the same DynamoDB Local, alternated round by round; inventory also as updates
/// (a higher version) and as a late resend (every row stale). Every request must answer what it should.
/// </summary>
internal static class ProductRequests
{
    public static async Task<int> RunAsync(Uri endpoint, Options options, TextWriter output, CancellationToken cancellationToken)
    {
        using var store = new WireDynamoDbClient(new BasicAWSCredentials("dummy", "dummy"),
            new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var catalog = DatasetCatalog.Load("");
        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var failures = new List<string>();
        output.WriteLine($"product mode: {options.Rows} rows a request, {options.Warmup} warm-up round(s), {options.Rounds} measured; load average {Report.LoadAverage()}");
        for (var round = 0; round < options.Warmup + options.Rounds; round++)
        {
            var steps = new List<(string Name, Func<Task<string?>> Run)>();
            var orders = catalog["orders"].WithTable($"po-{round}");
            var inventory = catalog["inventory"].WithTable($"pi-{round}");
            await CreateAsync(store, orders.Table, "orderId", cancellationToken);
            await CreateAsync(store, inventory.Table, "sku", cancellationToken);
            var ingestor = new RowIngestor(new DatasetCatalog([orders, inventory]), new BatchWriter(store, TimeProvider.System, new BatchWriterOptions()));
            steps.Add(("orders new (BatchWriteItem)", () => Expect(ingestor, "orders", Orders(options.Rows), 200, s => s.Stored == options.Rows)));
            steps.Add(("inventory new (conditional PutItem)", () => Expect(ingestor, "inventory", Stock(options.Rows, 1), 200, s => s.Stored == options.Rows)));
            steps.Add(("inventory update", () => Expect(ingestor, "inventory", Stock(options.Rows, 2), 200, s => s.Stored == options.Rows)));
            steps.Add(("inventory stale resend", () => Expect(ingestor, "inventory", Stock(options.Rows, 1), 200, s => s.Stale == options.Rows)));
            // Odd rounds run the versioned request first, so neither always meets a warmer store.
            if (round % 2 == 1) (steps[0], steps[1]) = (steps[1], steps[0]);
            var line = new List<string>();
            foreach (var (name, run) in steps)
            {
                var started = Stopwatch.GetTimestamp();
                var problem = await run();
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (problem is not null) failures.Add($"round {round}, {name}: {problem}");
                if (round >= options.Warmup) (times.TryGetValue(name, out var list) ? list : times[name] = []).Add(ms);
                line.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {ms:0} ms"));
            }
            output.WriteLine($"{(round >= options.Warmup ? "round " + (round - options.Warmup + 1) : "warm-up")}: {string.Join(", ", line)}");
            await store.DeleteTableAsync(orders.Table, CancellationToken.None);
            await store.DeleteTableAsync(inventory.Table, CancellationToken.None);
        }

        var baseline = Report.Median(times["orders new (BatchWriteItem)"]);
        output.WriteLine();
        output.WriteLine("| request | median ms | ratio to orders |");
        output.WriteLine("|---|---|---|");
        foreach (var (name, list) in times)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Report.Median(list):0} | {Report.Median(list) / baseline:0.00}x |"));
        output.WriteLine($"load average after: {Report.LoadAverage()}");
        foreach (var failure in failures) output.WriteLine("FAILED " + failure);
        return failures.Count == 0 ? 0 : 1;
    }

    private static async Task<string?> Expect(RowIngestor ingestor, string dataset, string body, int status, Func<IngestSummary, bool> summary)
    {
        var now = DateTimeOffset.UtcNow;
        var outcome = await ingestor.IngestAsync(new IngestCall(dataset, Encoding.UTF8.GetBytes(body), $"bench-{Guid.NewGuid():N}", now,
            WriteBudget.ForInvocation(now, null, TimeSpan.FromSeconds(60))));
        var reply = outcome.Reply;
        if (reply is null) return "refused: " + outcome.Refusal?.Body.Message;
        return reply.StatusCode == status && summary(reply.Body.Summary) ? null : $"answered {reply.StatusCode} {reply.Body.Summary}";
    }

    private static string Orders(int count) => Body(count, i =>
        $$"""{"orderId":"o-{{i}}","customer":"c-{{i % 97}}","amount":{{i}}.5,"currency":"EUR","status":"paid","createdAt":"2026-03-14T15:09:26Z"}""");

    /// <summary>Inventory rows of about the orders' size: version 1 or 2 is a minute apart.</summary>
    private static string Stock(int count, int version) => Body(count, i =>
        $$"""{"sku":"s-{{i}}","quantity":{{i % 500 + version}},"warehouse":"north-{{i % 7}}","updatedAt":"2026-12-03T10:0{{version}}:00Z"}""");

    private static string Body(int count, Func<int, string> row)
    {
        var body = new StringBuilder("""{"rows":[""");
        for (var i = 0; i < count; i++) body.Append(i > 0 ? "," : "").Append(row(i));
        return body.Append("]}").ToString();
    }


    private static Task<CreateTableResponse> CreateAsync(WireDynamoDbClient store, string table, string key, CancellationToken cancellationToken) =>
        store.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement(key, KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition(key, ScalarAttributeType.S)],
        }, cancellationToken);
}
