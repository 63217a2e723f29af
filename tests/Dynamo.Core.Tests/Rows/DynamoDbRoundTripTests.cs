using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Datasets;
using Dynamo.Core.Rows;
using Dynamo.Core.Writing.Wire;
using Dynamo.Testing;
using static Dynamo.Core.Tests.Rows.Requests;

namespace Dynamo.Core.Tests.Rows;

public sealed class DynamoDbRoundTripTests(DynamoDbLocalFixture fixture) : IClassFixture<DynamoDbLocalFixture>
{
    private const string EveryJsonType = """
        {"orderId": "A-1", "customer": "Zoë 😀 \u0000\n\"q\"", "amount": 0.000000000000000000000000000000000000000000000000001,
         "status": "paid", "createdAt": "2026-01-01T12:00:00+02:00",
         "big": 9.9999999999999999999999999999999999999E+125, "negative": -12.5, "int": 42, "zero": 0,
         "yes": true, "no": false, "nothing": null, "blank": "",
         "map": {"_inner": "underscore is fine here", "nested": {"list": [1, "two", null, false, {"x": []}]}},
         "emptyMap": {}, "emptyList": [], "listOfLists": [[1], [[2]], []]}
        """;

    [Fact]
    public async Task Every_json_type_goes_through_dynamodb_local_and_back_unchanged()
    {
        using var client = fixture.CreateClient();
        var table = await CreateTable(client, Orders);
        using var request = Prepare(Orders, RawBody(EveryJsonType));
        var (_, item) = Assert.Single(request.ItemsToWrite);

        // The item's own wire JSON, as the writer sends it.
        await client.BatchWriteItemAsync(new WireBatchWriteItemRequest(table, [item]));
        var read = await client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { ["orderId"] = new AttributeValue { S = "A-1" } },
            ConsistentRead = true,
        });

        Assert.Equal(CanonicalJson.Serialize(EveryJsonType), CanonicalJson.Serialize(ItemJson.ToRow(read.Item)));
        Assert.Equal(item.Attributes[SystemAttributes.Hash].S, RowHash.ShortFormOfHex(CanonicalJson.Hash(ItemJson.ToRow(read.Item))));
        Assert.Equal("1772366400000", read.Item[SystemAttributes.IngestedAt].N);
        Assert.Equal("req-1", read.Item[SystemAttributes.RequestId].S);
    }

    [Fact]
    public async Task A_normalised_date_time_key_is_found_by_its_utc_spelling()
    {
        using var client = fixture.CreateClient();
        var table = await CreateTable(client, Readings);
        using var request = Prepare(Readings, Body(Reading("d-17", "2026-01-01T01:00:00.500+01:00")));
        await client.PutItemAsync(new PutItemRequest { TableName = table, Item = new(request.ItemsToWrite.Single().Item.Attributes) });

        var found = await client.ExecuteStatementAsync(new ExecuteStatementRequest
        {
            Statement = $"SELECT * FROM \"{table}\" WHERE deviceId = 'd-17' AND ts BETWEEN '2026-01-01' AND '2026-02-01'",
            ConsistentRead = true,
        });

        Assert.Equal("2026-01-01T00:00:00.5Z", Assert.Single(found.Items)["ts"].S);
    }

    private static async Task<string> CreateTable(IAmazonDynamoDB client, Dataset dataset)
    {
        var table = UniqueNames.Table(dataset.Name);
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [.. dataset.KeyFields.Select((k, i) => new KeySchemaElement(k.Name, i == 0 ? KeyType.HASH : KeyType.RANGE))],
            AttributeDefinitions = [.. dataset.KeyFields.Select(k => new AttributeDefinition(k.Name, k.Type))],
        });
        return table;
    }
}
