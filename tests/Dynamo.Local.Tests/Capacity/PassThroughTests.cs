using System.Globalization;
using System.Net;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Dynamo.Local.Store;
using Dynamo.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Dynamo.Local.Tests.Capacity;

/// <summary>What the proxy does to the protocol itself: reads untouched, rewritten answers with a right CRC-32.</summary>
public class PassThroughTests(DynamoDbLocalFixture store) : IClassFixture<DynamoDbLocalFixture>
{
    [Fact]
    public async Task Reads_pass_through_unchanged_even_when_the_write_cap_is_spent()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 5);
        await stack.Client.BatchWriteItemAsync(stack.Batch(CapacityHarness.Items("row", 10)));    // 5 stored, the cap spent
        var key = new Dictionary<string, AttributeValue> { [CapacityHarness.PartitionKey] = new("row-03") };

        var get = await stack.Client.GetItemAsync(stack.Table, key);
        var query = await stack.Client.QueryAsync(new QueryRequest
        {
            TableName = stack.Table,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new("row-04") },
        });
        var statement = await stack.Client.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = $"SELECT * FROM \"{stack.Table}\"" });

        Assert.Equal(CapacityHarness.Item("row-03")["payload"].S, get.Item["payload"].S);
        Assert.Equal("row-04", Assert.Single(query.Items)[CapacityHarness.PartitionKey].S);
        Assert.Equal(5, statement.Items.Count);
    }

    [Fact]
    public async Task A_read_answer_is_DynamoDB_Locals_bytes_and_checksum()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 5);
        await stack.Client.PutItemAsync(stack.Table, CapacityHarness.Item("a"));
        var getItem = RawCalls.WithTable("""{"TableName":"TABLE","Key":{"pk":{"S":"a"}}}""", stack);

        using var direct = await RawCalls.SendAsync(store.Endpoint, "GetItem", getItem);
        using var proxied = await RawCalls.SendAsync(stack.Proxy.Endpoint, "GetItem", getItem);

        Assert.Equal(await direct.Content.ReadAsByteArrayAsync(), await proxied.Content.ReadAsByteArrayAsync());
        Assert.Equal(RawCalls.Crc32Header(direct), RawCalls.Crc32Header(proxied));
    }

    [Fact]
    public async Task A_rewritten_batch_answer_carries_the_crc32_of_its_own_body()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 1);
        var batch = RawCalls.WithTable("""
            {"RequestItems":{"TABLE":[
              {"PutRequest":{"Item":{"pk":{"S":"fits"}}}},
              {"PutRequest":{"Item":{"pk":{"S":"refused"}}}}]}}
            """, stack);

        using var answer = await RawCalls.SendAsync(stack.Proxy.Endpoint, "BatchWriteItem", batch);
        var body = await answer.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(RawCalls.WithTable("""{"UnprocessedItems":{"TABLE":[{"PutRequest":{"Item":{"pk":{"S":"refused"}}}}]}}""", stack),
            Encoding.UTF8.GetString(body));
        Assert.Equal(RawCalls.ExpectedCrc32(body), RawCalls.Crc32Header(answer));
        Assert.Equal("application/x-amz-json-1.0", answer.Content.Headers.ContentType?.MediaType);
        Assert.True(answer.Headers.Contains("x-amzn-RequestId"));
    }

    [Fact]
    public async Task A_throttling_error_carries_the_crc32_of_its_body_and_DynamoDBs_error_type()
    {
        await using var stack = await CapacityHarness.StartAsync(store, maxWriteRequestUnits: 1);
        await stack.Client.PutItemAsync(stack.Table, CapacityHarness.Item("first"));

        using var answer = await RawCalls.SendAsync(stack.Proxy.Endpoint, "PutItem", RawCalls.WithTable("""{"TableName":"TABLE","Item":{"pk":{"S":"b"}}}""", stack));
        var body = await answer.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.StartsWith(
            """{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Throughput exceeds the maximum OnDemandThroughput configured on table or index","throttlingReasons":[{"reason":"TableWriteMaxOnDemandThroughputExceeded","resource":"arn:aws:dynamodb:""",
            Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Equal(RawCalls.ExpectedCrc32(body), RawCalls.Crc32Header(answer));
    }

    /// <summary>
    /// The SDK does check x-amz-crc32, so the SDK calls of the other tests that get rewritten answers (partial
    /// batches, throttling errors) prove the proxy's checksums right.
    /// </summary>
    [Fact]
    public async Task The_SDK_rejects_an_answer_whose_crc32_does_not_match_its_body()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var liar = builder.Build();
        liar.Run(async context =>
        {
            context.Response.ContentType = "application/x-amz-json-1.0";
            context.Response.Headers["x-amz-crc32"] = "12345";
            context.Response.ContentLength = """{"TableNames":[]}""".Length;
            await context.Response.WriteAsync("""{"TableNames":[]}""");
        });
        await liar.StartAsync();
        using var client = LocalDynamoDbClient.Create(new Uri(liar.Urls.Single()), c => c.MaxErrorRetry = 0);

        var error = await Record.ExceptionAsync(() => client.ListTablesAsync(new ListTablesRequest()));

        Assert.Contains("does not match the computed CRC value", error?.ToString() ?? "", StringComparison.Ordinal);
        await liar.StopAsync();
    }
}
