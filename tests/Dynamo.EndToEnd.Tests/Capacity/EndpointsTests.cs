using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Dynamo.Local;
using Dynamo.Local.Store;

namespace Dynamo.EndToEnd.Tests.Capacity;

/// <summary>
/// The stack's DynamoDB endpoint is the one that throttles as DynamoDB does; DynamoDB Local's own stays reachable under
/// another name for tools that must bypass the emulation; fixed ports and a data folder bring a stack back where it was.
/// </summary>
public sealed class EndpointsTests
{
    [Fact]
    public async Task The_stacks_DynamoDB_endpoint_throttles_and_DynamoDB_Local_under_its_own_name_does_not()
    {
        await using var stack = await LocalStack.StartAsync(LocalStackFixture.Options(TextWriter.Null) with
        {
            Parameters = new Dictionary<string, string> { ["MaxWriteRequestUnits"] = "5" },
        });
        using var metered = LocalDynamoDbClient.Create(stack.Endpoints.DynamoDb);
        using var bypass = LocalDynamoDbClient.Create(stack.Endpoints.DynamoDbLocal);

        var throttled = await metered.BatchWriteItemAsync(Orders("metered", 10));
        var direct = await bypass.BatchWriteItemAsync(Orders("bypass", 10));

        Assert.Equal(5, throttled.UnprocessedItems["orders"].Count);
        Assert.Empty(direct.UnprocessedItems);
        Assert.Equal(stack.Capacity.Endpoint, stack.Endpoints.DynamoDb);
        Assert.Equal(stack.Store.Endpoint, stack.Endpoints.DynamoDbLocal);
    }

    [Fact]
    public async Task A_stack_started_again_on_its_ports_and_data_answers_where_the_last_one_did_and_says_so_in_local_json()
    {
        var data = Directory.CreateTempSubdirectory("dynamo-endpoints-");
        try
        {
            var options = LocalStackFixture.Options(TextWriter.Null) with
            {
                InMemory = false,
                DataDirectory = data.FullName,
                DynamoDbPort = FreePort.Next(),
                StorePort = FreePort.Next(),
            };
            LocalEndpoints first;
            await using (var stack = await LocalStack.StartAsync(options))
            {
                first = stack.Endpoints;
                using var client = LocalDynamoDbClient.Create(first.DynamoDb);
                await client.PutItemAsync("orders", new() { ["orderId"] = new("kept") });
            }

            await using var again = await LocalStack.StartAsync(options);
            var file = Path.Combine(data.FullName, "local.json");
            again.Endpoints.Write(file);

            Assert.Equal(first with { Api = again.Endpoints.Api }, again.Endpoints);
            Assert.Equal(new Uri($"http://127.0.0.1:{options.DynamoDbPort.ToString(CultureInfo.InvariantCulture)}"), again.Endpoints.DynamoDb);
            using var reopened = LocalDynamoDbClient.Create(LocalEndpoints.Read(file)!.DynamoDb);
            Assert.Equal("kept", (await reopened.GetItemAsync("orders", new() { ["orderId"] = new("kept") })).Item["orderId"].S);
            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
            Assert.Equal(again.Endpoints.DynamoDbLocal, new Uri(json.RootElement.GetProperty("dynamoDbLocal").GetString()!));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static BatchWriteItemRequest Orders(string prefix, int count) => new()
    {
        RequestItems = new()
        {
            ["orders"] = [.. Enumerable.Range(0, count).Select(i => new WriteRequest(new PutRequest(new() { ["orderId"] = new($"{prefix}-{i}") })))],
        },
    };
}
