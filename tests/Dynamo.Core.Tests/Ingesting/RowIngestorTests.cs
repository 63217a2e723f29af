using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Core.Ingesting;
using Dynamo.Core.Tests.Rows;
using Dynamo.Core.Writing;
using Dynamo.Testing;

namespace Dynamo.Core.Tests.Ingesting;

public sealed class RowIngestorTests(DynamoDbLocalFixture store) : IClassFixture<DynamoDbLocalFixture>, IDisposable
{
    private readonly IAmazonDynamoDB _dynamo = store.CreateClient();

    public void Dispose() => _dynamo.Dispose();

    [Fact]
    public async Task Valid_invalid_and_duplicate_rows_each_get_their_status_and_only_the_valid_last_ones_are_stored()
    {
        var orders = await OrdersTableAsync();
        var rows = new JsonArray
        {
            Requests.Order("A-1"),
            Requests.Order("A-2"),
            new JsonObject { ["orderId"] = "A-3", ["amount"] = "twelve" },     // invalid
            Requests.Order("A-1"),                                            // makes the first one a duplicate
        };

        var outcome = await Ingestor(orders).IngestAsync(Call(rows));

        var reply = outcome.Reply!;
        Assert.Equal(207, reply.StatusCode);
        Assert.Equal(new IngestSummary(4, 2, 1, 1, 0), reply.Body.Summary);
        Assert.True(reply.Body.Complete);
        Assert.Equal([(0, RowStatus.Duplicate), (2, RowStatus.Invalid)], reply.Body.Rows.Select(r => (r.Index, r.Status)));
        Assert.Equal("A-1", reply.Body.Rows[0].Key!["orderId"].GetString());
        Assert.NotEmpty(reply.Body.Rows[1].Errors!);
        Assert.Equal(["A-1", "A-2"], await OrderIdsAsync(orders));
    }

    [Fact]
    public async Task Every_row_stored_is_a_200_that_lists_no_rows_unless_all_are_asked_for()
    {
        var orders = await OrdersTableAsync();
        var rows = new JsonArray { Requests.Order("B-1"), Requests.Order("B-2") };

        var call = Call(rows);

        var plain = (await Ingestor(orders).IngestAsync(call)).Reply!;
        var all = (await Ingestor(orders).IngestAsync(call with { ListAllRows = true })).Reply!;

        Assert.Equal(200, plain.StatusCode);
        Assert.Empty(plain.Body.Rows);
        Assert.Equal([RowStatus.Stored, RowStatus.Stored], all.Body.Rows.Select(r => r.Status));
        Assert.Equal("B-2", all.Body.Rows[1].Key!["orderId"].GetString());
    }

    [Fact]
    public async Task An_unknown_dataset_is_refused_with_404_naming_the_known_ones()
    {
        var outcome = await Ingestor(await OrdersTableAsync()).IngestAsync(Call(new JsonArray { Requests.Order() }) with { Dataset = "invoices" });

        Assert.Equal(404, outcome.Refusal!.StatusCode);
        Assert.Equal(ErrorTypes.NotFound, outcome.Refusal.Body.Type);
        Assert.Contains("orders", outcome.Refusal.Body.Message);
    }

    [Theory]
    [InlineData("{\"rows\": [", 400, ErrorTypes.Validation)]
    [InlineData("{\"rows\": [1]}", 400, ErrorTypes.Validation)]
    [InlineData("{\"rows\": []}", 400, ErrorTypes.Validation)]
    public async Task A_malformed_request_is_refused_whole_and_writes_nothing(string body, int status, string type)
    {
        var orders = await OrdersTableAsync();

        var outcome = await Ingestor(orders).IngestAsync(Call(new JsonArray()) with { Body = Encoding.UTF8.GetBytes(body) });

        Assert.Equal(status, outcome.Refusal!.StatusCode);
        Assert.Equal(type, outcome.Refusal.Body.Type);
        Assert.Empty(await OrderIdsAsync(orders));
    }

    [Fact]
    public async Task More_than_5000_rows_is_a_413()
    {
        var rows = new JsonArray();
        for (var i = 0; i <= 5_000; i++) rows.Add(new JsonObject { ["orderId"] = $"C-{i}" });

        var outcome = await Ingestor(await OrdersTableAsync()).IngestAsync(Call(rows));

        Assert.Equal(413, outcome.Refusal!.StatusCode);
        Assert.Equal(ErrorTypes.PayloadTooLarge, outcome.Refusal.Body.Type);
    }

    private async Task<Dataset> OrdersTableAsync()
    {
        var orders = Requests.Orders.WithTable(UniqueNames.Table("orders"));
        await _dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = orders.Table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("orderId", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("orderId", ScalarAttributeType.S)],
        });
        return orders;
    }

    private RowIngestor Ingestor(Dataset orders) => new(
        new DatasetCatalog([orders, Requests.Readings]),
        new BatchWriter(_dynamo, TimeProvider.System, new BatchWriterOptions()));

    private static IngestCall Call(JsonArray rows) => new(
        "orders",
        Encoding.UTF8.GetBytes(new JsonObject { ["rows"] = rows }.ToJsonString()),
        "req-1",
        Requests.IngestedAt,
        WriteBudget.ForInvocation(DateTimeOffset.UtcNow, null, TimeSpan.FromSeconds(20)));

    private async Task<List<string>> OrderIdsAsync(Dataset orders)
    {
        var scan = await _dynamo.ScanAsync(new ScanRequest { TableName = orders.Table });
        return [.. scan.Items.Select(i => i["orderId"].S).Order(StringComparer.Ordinal)];
    }
}
