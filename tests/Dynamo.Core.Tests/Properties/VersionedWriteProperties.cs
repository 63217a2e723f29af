using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CsCheck;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Core.Ingesting;
using Dynamo.Core.Tests.Rows;
using Dynamo.Core.Writing;
using Dynamo.Testing;
using Moq;

namespace Dynamo.Core.Tests.Properties;

/// <summary>
/// Updates never go back in time (docs/datasets.md, "Versioned datasets"): for any interleaving of several
/// versions of the same keys across concurrent senders, with calls throttled and answers lost (the write done,
/// the answer gone) and the retry rows resent, DynamoDB Local ends with the highest version of every key, and
/// every row's status says truthfully why it was or was not written.
/// </summary>
public sealed class VersionedWriteProperties(DynamoDbLocalFixture local) : IClassFixture<DynamoDbLocalFixture>
{
    private static readonly DateTimeOffset Epoch = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    /// <summary>One update: which key, which version (half-seconds, so fractions and whole seconds mix), and whether its content differs from the usual content of that version.</summary>
    private sealed record Update(int Key, int Version, bool OtherContent)
    {
        public int Quantity => (Version * 10) + Key + (OtherContent ? 1 : 0);

        // "10:00:00.5Z" sorts before "10:00:00Z" as text: only a comparison as instants gets these right.
        public string UpdatedAt => Epoch.AddMilliseconds(Version * 500).ToString(Version % 2 == 0 ? "yyyy-MM-dd'T'HH:mm:ssK" : "yyyy-MM-dd'T'HH:mm:ss.fK", CultureInfo.InvariantCulture);
    }

    private sealed record Scenario(Update[] Updates, int Senders, int RequestSize, int FaultPercent, int Seed);

    private static readonly Gen<Scenario> Scenarios = Gen.Select(
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 5], Gen.Int[0, 9], (key, version, other) => new Update(key, version, other == 0)).Array[1, 14],
        Gen.Int[1, 3], Gen.Int[1, 4], Gen.Int[0, 40], Gen.Int,
        (updates, senders, size, faults, seed) => new Scenario(updates, senders, size, faults, seed));

    /// <summary>What a row ended as: its status (never retry) and, for a conflict, the hash it names.</summary>
    private sealed record Settled(RowStatus Status, string? StoredHash);

    [Fact]
    public void Every_key_ends_at_its_highest_version_and_every_status_tells_why() =>
        Scenarios.Sample(scenario => Task.Run(() => AssertVersionsHold(scenario)).GetAwaiter().GetResult(),
            iter: PropertyRuns.Iterations(25), threads: 1);

    private async Task AssertVersionsHold(Scenario scenario)
    {
        using var dynamo = local.CreateClient();
        var inventory = Requests.Inventory.WithTable(await TableAsync(dynamo));
        var writer = new BatchWriter(Faulty(dynamo, scenario), TimeProvider.System,
            new BatchWriterOptions { MaxParallelism = 4, BackoffBase = TimeSpan.FromMilliseconds(1), BackoffCap = TimeSpan.FromMilliseconds(5) });
        var ingestor = new RowIngestor(new DatasetCatalog([inventory]), writer);

        // Update n goes to sender n % Senders, which sends its updates in requests of RequestSize, one after the
        // other, each resent (its retry rows only) until every row is settled; the senders run at once.
        var settled = new ConcurrentDictionary<int, Settled>();
        var requests = Enumerable.Range(0, scenario.Senders)
            .Select(s => Enumerable.Range(0, scenario.Updates.Length).Where(n => n % scenario.Senders == s).Chunk(scenario.RequestSize).ToList())
            .ToList();
        await Task.WhenAll(requests.Select(sender => Task.Run(async () =>
        {
            foreach (var request in sender)
                await SendUntilSettledAsync(ingestor, scenario.Updates, request, settled);
        })));

        var stored = await ItemsAsync(dynamo, inventory.Table);
        for (var n = 0; n < scenario.Updates.Length; n++)
        {
            var update = scenario.Updates[n];
            var highest = scenario.Updates.Where(u => u.Key == update.Key).Max(u => u.Version);
            var item = stored[Sku(update.Key)];
            var final = Version(item);
            Assert.True(final == highest, $"key {update.Key} ends at version {final}, not its highest {highest}");
            var sameVersionContent = final == update.Version && item.Quantity == update.Quantity;
            var status = settled[n];
            switch (status.Status)
            {
                case RowStatus.Stored:
                    Assert.True(update.Version < final || sameVersionContent, $"update {n} {update} is stored, but the table holds {item}");
                    break;
                case RowStatus.Stale:
                    Assert.True(update.Version < final, $"update {n} {update} is stale, but the table holds {item}");
                    break;
                case RowStatus.Conflict:
                    Assert.True(update.Version < final || (update.Version == final && !sameVersionContent), $"update {n} {update} is a conflict, but the table holds {item}");
                    Assert.NotNull(status.StoredHash);
                    break;
                case RowStatus.Duplicate:
                    var request = requests.SelectMany(r => r).Single(r => r.Contains(n));
                    Assert.Contains(request, later => later > n && scenario.Updates[later].Key == update.Key && scenario.Updates[later].Version == update.Version);
                    break;
                default:
                    Assert.Fail($"update {n} {update} ends {status.Status}");
                    break;
            }
        }
    }

    private static async Task SendUntilSettledAsync(RowIngestor ingestor, Update[] updates, int[] request, ConcurrentDictionary<int, Settled> settled)
    {
        var left = request;
        for (var round = 0; left.Length > 0; round++)
        {
            Assert.True(round < 50, "rows still retry after 50 resends");
            var rows = new JsonArray([.. left.Select(n => (JsonNode)Requests.Stock(Sku(updates[n].Key), updates[n].Quantity, updates[n].UpdatedAt))]);
            var call = new IngestCall(
                "inventory", Encoding.UTF8.GetBytes(new JsonObject { ["rows"] = rows }.ToJsonString()), $"req-{Guid.NewGuid():N}",
                DateTimeOffset.UtcNow, WriteBudget.ForInvocation(DateTimeOffset.UtcNow, null, TimeSpan.FromSeconds(20)), ListAllRows: true);
            var reply = (await ingestor.IngestAsync(call)).Reply!;
            Assert.Equal(left.Length, reply.Body.Rows.Count);
            foreach (var row in reply.Body.Rows.Where(r => r.Status != RowStatus.Retry))
                Assert.True(settled.TryAdd(left[row.Index], new Settled(row.Status, row.StoredHash)));
            left = [.. reply.Body.Rows.Where(r => r.Status == RowStatus.Retry).Select(r => left[r.Index])];
        }
    }

    /// <summary>
    /// DynamoDB Local behind a store that throttles some calls before they reach it, and loses the answer of
    /// others after the write was done: the writer sees a store error, and the resend meets its own row.
    /// </summary>
    private static IAmazonDynamoDB Faulty(IAmazonDynamoDB dynamo, Scenario scenario)
    {
        var random = new Random(scenario.Seed);
        int Draw()
        {
            lock (random) return random.Next(100);
        }
        var store = new Mock<IAmazonDynamoDB>(MockBehavior.Strict);
        store.Setup(d => d.PutItemAsync(It.IsAny<PutItemRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (PutItemRequest request, CancellationToken token) =>
            {
                var draw = Draw();
                if (draw < scenario.FaultPercent / 2) throw new ProvisionedThroughputExceededException("throttled by the test");
                var response = await dynamo.PutItemAsync(request, token);
                if (draw < scenario.FaultPercent) throw new HttpRequestException("the answer was lost on its way back (the test)");
                return response;
            });
        return store.Object;
    }

    private static string Sku(int key) => $"sku-{key}";

    private static int Version(StoredStock item) =>
        (int)Math.Round((DateTimeOffset.Parse(item.UpdatedAt, CultureInfo.InvariantCulture) - Epoch).TotalMilliseconds / 500);

    private sealed record StoredStock(int Quantity, string UpdatedAt);

    private static async Task<string> TableAsync(IAmazonDynamoDB dynamo)
    {
        var table = UniqueNames.Table("inventory");
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("sku", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("sku", ScalarAttributeType.S)],
        });
        return table;
    }

    private static async Task<Dictionary<string, StoredStock>> ItemsAsync(IAmazonDynamoDB dynamo, string table)
    {
        var scan = await dynamo.ScanAsync(new ScanRequest { TableName = table, ConsistentRead = true });
        return scan.Items.ToDictionary(
            i => i["sku"].S,
            i => new StoredStock(int.Parse(i["quantity"].N, CultureInfo.InvariantCulture), i["updatedAt"].S));
    }
}
