using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Core.Ingesting;
using Dynamo.Core.Writing;
using Dynamo.Core.Writing.Wire;
using Amazon.Lambda.APIGatewayEvents;
using Dynamo.Lambda.Extensions.Observability;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Dynamo.Functions.Tests;

public sealed class IngestFunctionTests : IDisposable
{
    private const string OneOrder =
        """{"rows":[{"orderId":"A-1","customer":"Ada","amount":12.5,"status":"paid","createdAt":"2026-01-01T12:00:00Z"}]}""";

    private readonly StringWriter _console = new();

    public void Dispose() => _console.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=latin1")]
    public async Task A_body_that_is_not_UTF8_JSON_by_its_content_type_is_a_415_and_writes_nothing(string? contentType)
    {
        var store = new Mock<IAmazonDynamoDB>(MockBehavior.Strict);

        var response = await Post(store, Request(OneOrder, contentType));

        Assert.Equal(415, response.StatusCode);
        Assert.Equal(ErrorTypes.UnsupportedMediaType, Error(response).Type);
    }

    [Fact]
    public async Task A_base64_body_is_decoded_and_its_rows_stored()
    {
        var store = Accepting();
        var written = new List<WireBatchWriteItemRequest>();
        store.Setup(s => s.BatchWriteItemAsync(It.IsAny<BatchWriteItemRequest>(), It.IsAny<CancellationToken>()))
            .Callback<BatchWriteItemRequest, CancellationToken>((batch, _) => written.Add((WireBatchWriteItemRequest)batch))
            .ReturnsAsync(new BatchWriteItemResponse { UnprocessedItems = [] });
        var request = Request(Convert.ToBase64String(Encoding.UTF8.GetBytes(OneOrder)), "Application/JSON; charset=UTF-8", base64: true);

        var response = await Post(store, request);

        Assert.Equal(200, response.StatusCode);
        var body = JsonSerializer.Deserialize(response.Body!, ContractsJsonContext.Default.IngestResponse)!;
        Assert.Equal(new IngestSummary(1, 1, 0, 0, 0), body.Summary);
        Assert.Equal("api-request-1", body.RequestId);
        // What reached the store is the decoded row, not the base64 text.
        var batch = Assert.Single(written);
        Assert.Equal("orders", batch.Table);
        var item = Assert.Single(batch.Items).Attributes;
        Assert.Equal("A-1", item["orderId"].S);
        Assert.Equal("Ada", item["customer"].S);
        Assert.Equal("12.5", item["amount"].N);
        Assert.Equal("api-request-1", item["_rid"].S);
    }

    [Fact]
    public async Task A_body_marked_base64_that_is_not_is_a_400()
    {
        var response = await Post(new Mock<IAmazonDynamoDB>(MockBehavior.Strict), Request("not base64!", "application/json", base64: true));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(ErrorTypes.Validation, Error(response).Type);
    }

    [Fact]
    public async Task A_store_that_only_throttles_until_the_budget_ends_gives_429_with_Retry_After()
    {
        var store = new Mock<IAmazonDynamoDB>();
        store.Setup(s => s.BatchWriteItemAsync(It.IsAny<BatchWriteItemRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ProvisionedThroughputExceededException("Throughput exceeds the current capacity of your table."));

        var response = await Post(store, Request(OneOrder, "application/json"), TimeSpan.FromSeconds(3));

        Assert.Equal(429, response.StatusCode);
        Assert.True(int.Parse(response.Header("Retry-After")!) >= 1);
        var body = JsonSerializer.Deserialize(response.Body!, ContractsJsonContext.Default.IngestResponse)!;
        Assert.Equal(RetryReasons.Throttled, Assert.Single(body.Rows).Reason);
        Assert.False(body.Complete);
    }

    [Fact]
    public async Task An_unexpected_exception_is_the_contracts_JSON_500_not_a_Lambda_error()
    {
        var store = new Mock<IAmazonDynamoDB>();
        store.Setup(s => s.BatchWriteItemAsync(It.IsAny<BatchWriteItemRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("a bug"));

        var response = await Post(store, Request(OneOrder, "application/json"));

        Assert.Equal(500, response.StatusCode);
        Assert.Equal(ErrorTypes.Internal, Error(response).Type);
        Assert.Equal(ErrorTypes.Internal, response.Header("x-amzn-ErrorType"));
    }

    [Fact]
    public async Task The_budget_counts_from_the_gateways_request_time_so_a_request_the_gateway_gave_up_on_writes_nothing()
    {
        // The request reached the gateway 6 s ago (a cold start and the authorizer since), with a 5 s timeout.
        var store = new Mock<IAmazonDynamoDB>();
        var request = Request(OneOrder, "application/json");
        request = new APIGatewayProxyRequest
        {
            HttpMethod = request.HttpMethod, Path = request.Path, Resource = request.Resource, PathParameters = request.PathParameters,
            Headers = request.Headers, Body = request.Body,
            RequestContext = new APIGatewayProxyRequest.ProxyRequestContext { RequestId = "api-request-1", RequestTimeEpoch = DateTimeOffset.UtcNow.AddSeconds(-6).ToUnixTimeMilliseconds() },
        };

        var response = await Post(store, request, TimeSpan.FromSeconds(5));

        var body = JsonSerializer.Deserialize(response.Body!, ContractsJsonContext.Default.IngestResponse)!;
        Assert.Equal(RetryReasons.Deadline, Assert.Single(body.Rows).Reason);
        store.Verify(s => s.BatchWriteItemAsync(It.IsAny<BatchWriteItemRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Each_invocation_logs_one_line_and_one_EMF_line_without_row_contents()
    {
        await Post(Accepting(), Request(OneOrder, "application/json"));

        var lines = _console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.DoesNotContain("Ada", _console.ToString());
        using var log = JsonDocument.Parse(lines[0]);
        Assert.Equal(1, log.RootElement.GetProperty("rows").GetProperty("stored").GetInt32());
        using var emf = JsonDocument.Parse(lines[1]);
        Assert.Equal(1, emf.RootElement.GetProperty("RowsStored").GetInt32());
    }

    private static Mock<IAmazonDynamoDB> Accepting()
    {
        var store = new Mock<IAmazonDynamoDB>();
        store.Setup(s => s.BatchWriteItemAsync(It.IsAny<BatchWriteItemRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new BatchWriteItemResponse { UnprocessedItems = [] });
        return store;
    }

    private Task<APIGatewayProxyResponse> Post(Mock<IAmazonDynamoDB> store, APIGatewayProxyRequest request, TimeSpan? integrationTimeout = null)
    {
        var clock = TimeProvider.System;
        var function = new IngestFunction(
            new RowIngestor(DatasetCatalog.Load(""), new BatchWriter(store.Object, clock, new BatchWriterOptions())),
            clock,
            new IngestSettings(integrationTimeout ?? TimeSpan.FromSeconds(29)),
            new InvocationReport(new InvocationLog(_console, clock), new EmbeddedMetrics(_console, clock, "test"), new ColdStart(null)),
            GeneratedHandlers.Filters());
        return GeneratedHandlers.Call(nameof(IngestFunction.PostRows), request, services => services.AddSingleton(function));
    }

    private static APIGatewayProxyRequest Request(string body, string? contentType, bool base64 = false) => new()
    {
        HttpMethod = "POST",
        Path = "/datasets/orders/rows",
        Resource = "/datasets/{dataset}/rows",
        PathParameters = new Dictionary<string, string> { ["dataset"] = "orders" },
        Headers = contentType is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["content-type"] = contentType },
        RequestContext = new APIGatewayProxyRequest.ProxyRequestContext { RequestId = "api-request-1" },
        Body = body,
        IsBase64Encoded = base64,
    };

    private static ErrorResponse Error(APIGatewayProxyResponse response) =>
        JsonSerializer.Deserialize(response.Body!, ContractsJsonContext.Default.ErrorResponse)!;
}
