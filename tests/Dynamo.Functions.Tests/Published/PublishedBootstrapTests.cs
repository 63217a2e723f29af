using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Local.Gateway.Events;
using Dynamo.Local.Store;
using Dynamo.Local.Workers;
using Dynamo.Testing;

namespace Dynamo.Functions.Tests.Published;

/// <summary>The Native AOT bootstrap of artifacts/functions.zip answering real-shaped events through a runtime API on loopback.</summary>
public sealed class PublishedBootstrapTests(DynamoDbLocalFixture store) : IClassFixture<DynamoDbLocalFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private RuntimeApiServer _server = null!;

    public async Task InitializeAsync() => _server = await RuntimeApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<InvocationResult> Invoke(byte[] payload) =>
        await _server.InvokeAsync(payload, DateTimeOffset.UtcNow.AddSeconds(20)).WaitAsync(Patience);

    private static byte[] HealthEvent() => GetEvent("/health");

    private static byte[] GetEvent(string path)
    {
        var node = EventFixtures.Node(EventFixtures.RestProxy);
        node["resource"] = path;
        node["path"] = path;
        node["httpMethod"] = "GET";
        node["body"] = null;
        node["pathParameters"] = null;
        node["queryStringParameters"] = null;
        node["multiValueQueryStringParameters"] = null;
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>The REST proxy fixture (POST /datasets/orders/rows?rows=all) with this body and Content-Type.</summary>
    private static byte[] IngestEvent(string body, string contentType)
    {
        var node = EventFixtures.Node(EventFixtures.RestProxy);
        node["body"] = body;
        node["headers"]!["Content-Type"] = contentType;
        node["multiValueHeaders"]!["Content-Type"] = new JsonArray(contentType);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static APIGatewayProxyResponse ProxyResponse(InvocationResult result)
    {
        Assert.True(result.Succeeded, result.Error?.ErrorMessage);
        return JsonSerializer.Deserialize(result.Response.Span, APIGatewayJsonContext.Default.APIGatewayProxyResponse)!;
    }

    private static ErrorResponse ErrorBody(APIGatewayProxyResponse response) =>
        JsonSerializer.Deserialize(response.Body!, ContractsJsonContext.Default.ErrorResponse)!;

    /// <summary>The dataset <c>orders</c>'s table under a unique prefix (the stack name's part of a table name), with its key schema.</summary>
    private static async Task<(string Prefix, string Table)> CreateOrdersTableAsync(IAmazonDynamoDB dynamo)
    {
        var prefix = UniqueNames.Table("stack") + "-";
        var orders = DatasetCatalog.Load(prefix)["orders"];
        var table = orders.Table;
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [.. orders.KeyFields.Select((k, i) => new KeySchemaElement(k.Name, i == 0 ? KeyType.HASH : KeyType.RANGE))],
            AttributeDefinitions = [.. orders.KeyFields.Select(k => new AttributeDefinition(k.Name, k.Type))],
        });
        return (prefix, table);
    }

    private PublishedBootstrap StartIngest(string tablePrefix) => PublishedBootstrap.Start(_server, "PostRows", new Dictionary<string, string?>
    {
        ["DYNAMODB_ENDPOINT"] = store.Endpoint.ToString(),
        [DatasetCatalog.TablePrefixVariable] = tablePrefix,
    });

    private static async Task<List<Dictionary<string, AttributeValue>>> ItemsAsync(IAmazonDynamoDB dynamo, string table) =>
        (await dynamo.ScanAsync(new ScanRequest { TableName = table, ConsistentRead = true })).Items ?? [];

    [PublishedFact]
    public void The_zip_holds_an_executable_bootstrap_at_its_root()
    {
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(PublishedBootstrap.Executable!);

        Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"bootstrap is {mode}");
    }

    [PublishedFact]
    public async Task The_authorizer_allows_denies_and_refuses_by_source_address()
    {
        await using var function = PublishedBootstrap.Start(_server, "Authorize",
            new Dictionary<string, string?> { ["ALLOWED_CIDRS"] = "203.0.113.0/24, 2001:db8::/32" });

        var allowed = await Invoke(EventFixtures.AuthorizerEvent("::ffff:203.0.113.10"));
        var spoofed = await Invoke(EventFixtures.AuthorizerEvent("198.51.100.1", new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.10" }));
        var anonymous = await Invoke(EventFixtures.AuthorizerEvent(null));

        var allow = JsonSerializer.Deserialize(allowed.Response.Span, APIGatewayJsonContext.Default.APIGatewayCustomAuthorizerResponse)!;
        Assert.Equal("Allow", allow.PolicyDocument.Statement[0].Effect);
        Assert.Equal(["arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/*/*"], allow.PolicyDocument.Statement[0].Resource);
        var deny = JsonSerializer.Deserialize(spoofed.Response.Span, APIGatewayJsonContext.Default.APIGatewayCustomAuthorizerResponse)!;
        Assert.Equal("Deny", deny.PolicyDocument.Statement[0].Effect);
        Assert.Equal("Unauthorized", anonymous.Error?.ErrorMessage);
    }

    [PublishedFact]
    public async Task Health_answers_200_when_DynamoDB_answers_and_503_when_it_does_not()
    {
        await using var up = PublishedBootstrap.Start(_server, "CheckHealth",
            new Dictionary<string, string?> { ["DYNAMODB_ENDPOINT"] = store.Endpoint.ToString() });
        var ok = await Invoke(HealthEvent());
        await up.DisposeAsync();

        // Its own runtime API: the killed process's long poll of /next may not have ended yet on the first one,
        // and an event handed to it would never be answered.
        await using var downServer = await RuntimeApiServer.StartAsync();
        await using var down = PublishedBootstrap.Start(downServer, "CheckHealth",
            new Dictionary<string, string?> { ["DYNAMODB_ENDPOINT"] = $"http://127.0.0.1:{FreePort.Next()}" });
        var unavailable = await downServer.InvokeAsync(HealthEvent(), DateTimeOffset.UtcNow.AddSeconds(20)).WaitAsync(Patience);

        var okResponse = ProxyResponse(ok);
        Assert.Equal(200, okResponse.StatusCode);
        Assert.Equal("""{"status":"ok","store":"reachable"}""", okResponse.Body);
        var downResponse = ProxyResponse(unavailable);
        Assert.Equal(503, downResponse.StatusCode);
        Assert.Equal(ErrorTypes.ServiceUnavailable, JsonSerializer.Deserialize(downResponse.Body!, ContractsJsonContext.Default.ErrorResponse)!.Type);
    }

    [PublishedFact]
    public async Task Ingest_stores_the_valid_rows_in_DynamoDB_and_answers_207_naming_the_invalid_one()
    {
        using var dynamo = store.CreateClient();
        var (prefix, table) = await CreateOrdersTableAsync(dynamo);
        await using var function = StartIngest(prefix);
        const string Rows = """
            {"rows":[
              {"orderId":"A-1","customer":"c-1","amount":12.5,"status":"new","createdAt":"2026-04-09T12:34:56Z"},
              {"orderId":"A-2","customer":"c-2","amount":0.1,"currency":"eur","status":"paid","createdAt":"2026-04-09T12:35:00Z"},
              {"orderId":"A-3","customer":"c-3","amount":7,"currency":"EUR","status":"shipped","createdAt":"2026-04-09T12:36:00.250+02:00"}
            ]}
            """;

        var response = ProxyResponse(await Invoke(IngestEvent(Rows, "application/json; charset=utf-8")));

        Assert.Equal(207, response.StatusCode);
        var reply = JsonSerializer.Deserialize(response.Body!, ContractsJsonContext.Default.IngestResponse)!;
        Assert.Equal(new IngestSummary(3, 2, 1, 0, 0), reply.Summary);
        Assert.Equal("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", reply.RequestId);
        var invalid = Assert.Single(reply.Rows, r => r.Status == RowStatus.Invalid);
        Assert.Equal((1, "A-2"), (invalid.Index, invalid.Key!["orderId"].GetString()));
        Assert.NotEmpty(invalid.Errors!);
        var items = await ItemsAsync(dynamo, table);
        Assert.Equal(["A-1", "A-3"], items.Select(i => i["orderId"].S).Order(StringComparer.Ordinal));
        Assert.Equal("7", Assert.Single(items, i => i["orderId"].S == "A-3")["amount"].N);
    }

    [PublishedFact]
    public async Task Ingest_answers_400_to_a_body_that_is_not_JSON_and_415_to_another_content_type_writing_nothing()
    {
        using var dynamo = store.CreateClient();
        var (prefix, table) = await CreateOrdersTableAsync(dynamo);
        await using var function = StartIngest(prefix);

        var malformed = ProxyResponse(await Invoke(IngestEvent("""{"rows":[{"orderId":"A-1",""", "application/json")));
        var plainText = ProxyResponse(await Invoke(IngestEvent("""{"rows":[]}""", "text/plain")));

        Assert.Equal(400, malformed.StatusCode);
        Assert.Equal(ErrorTypes.Validation, ErrorBody(malformed).Type);
        Assert.Equal(415, plainText.StatusCode);
        Assert.Equal(ErrorTypes.UnsupportedMediaType, ErrorBody(plainText).Type);
        Assert.Empty(await ItemsAsync(dynamo, table));
    }

    [PublishedFact]
    public async Task Datasets_lists_every_dataset_with_its_table_from_the_environment_its_keys_and_its_schema()
    {
        await using var function = PublishedBootstrap.Start(_server, "ListDatasets",
            new Dictionary<string, string?> { [DatasetCatalog.TablePrefixVariable] = "dynamo-dev-" });

        var response = ProxyResponse(await Invoke(GetEvent("/datasets")));

        Assert.Equal(200, response.StatusCode);
        var list = JsonSerializer.Deserialize(response.Body!, ContractsJsonContext.Default.DatasetList)!;
        var orders = Assert.Single(list.Datasets, d => d.Name == "orders");
        var readings = Assert.Single(list.Datasets, d => d.Name == "readings");
        Assert.Equal(("dynamo-dev-orders", "orderId", (string?)null), (orders.Table, orders.PartitionKey, orders.SortKey));
        Assert.Equal(("dynamo-dev-readings", "deviceId", "ts"), (readings.Table, readings.PartitionKey, readings.SortKey));
        Assert.Equal("^[A-Z]{3}$", orders.Schema.GetProperty("properties").GetProperty("currency").GetProperty("pattern").GetString());
    }

    [PublishedFact]
    public async Task An_unknown_handler_is_an_init_error_and_the_process_exits()
    {
        await using var function = PublishedBootstrap.Start(_server, "no-such-function");

        var error = await _server.InitError.WaitAsync(Patience);
        await function.WaitForExitAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.Equal("Runtime.NoSuchHandler", error.Category);
        Assert.Contains("'no-such-function'", error.ErrorMessage);
        Assert.Equal(1, function.ExitCode);
    }
}
