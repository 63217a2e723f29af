using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Dynamo.Core.Writing;
using Dynamo.Core.Writing.Wire;

namespace Dynamo.Core.Tests.Writing;

public class WireClientTests
{
    [Fact]
    public void The_writer_refuses_a_plain_sdk_client_which_would_send_empty_batches()
    {
        using var plain = new AmazonDynamoDBClient(new BasicAWSCredentials("a", "b"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9" });
        var refused = Assert.Throws<ArgumentException>(() => new BatchWriter(plain, TimeProvider.System, new BatchWriterOptions()));
        Assert.Contains(nameof(WireDynamoDbClient), refused.Message);
    }

    [Fact]
    public void A_batch_body_carries_every_item_as_a_put_request_into_its_table()
    {
        var first = WireItem.From(TestItems.OrdersTable, TestItems.Order(1));
        var second = WireItem.From(TestItems.OrdersTable, TestItems.Order(2));

        using var body = JsonDocument.Parse(new WireBatchWriteItemRequest("orders \"v2\"", [first, second]).Body());

        var puts = body.RootElement.GetProperty("RequestItems").GetProperty("orders \"v2\"").EnumerateArray()
            .Select(w => DynamoDbJson.ReadItem(w.GetProperty("PutRequest").GetProperty("Item"))["orderId"].S);
        Assert.Equal([TestItems.OrderId(1), TestItems.OrderId(2)], puts);
    }

    [Fact]
    public void An_item_read_back_from_its_wire_json_equals_the_attribute_values_it_was_written_from()
    {
        var attributes = new Dictionary<string, AttributeValue>
        {
            ["s"] = new() { S = "naïve \"quoted\" \u0001" },
            ["n"] = new() { N = "-1.5E+10" },
            ["b"] = new() { BOOL = false },
            ["z"] = new() { NULL = true },
            ["m"] = new() { M = new() { ["l"] = new() { L = [new() { S = "x" }, new() { N = "2" }] } } },
            ["ss"] = new() { SS = ["a", "b"] },
            ["bin"] = new() { B = new MemoryStream(Encoding.UTF8.GetBytes("bytes")) },
        };

        var item = WireItem.From(new WriteTarget("t", "s"), attributes);

        Assert.Equal(ItemKey.Of(new WriteTarget("t", "s"), attributes), item.Key);
        var read = item.Attributes;
        Assert.Equal(attributes["s"].S, read["s"].S);
        Assert.Equal("-1.5E+10", read["n"].N);
        Assert.False(read["b"].BOOL);
        Assert.True(read["z"].NULL);
        Assert.Equal("x", read["m"].M["l"].L[0].S);
        Assert.Equal("2", read["m"].M["l"].L[1].N);
        Assert.Equal(["a", "b"], read["ss"].SS);
        Assert.Equal("bytes", Encoding.UTF8.GetString(read["bin"].B.ToArray()));
    }
}
