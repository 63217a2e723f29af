using System.Globalization;
using System.IO.Hashing;
using System.Net;
using System.Text;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Dynamo.Core.Writing.Wire;

namespace Dynamo.Core.Tests.Writing;

/// <summary>
/// What the wire client's trimmed pipeline still does on every call, seen on the HTTP requests it sends: the endpoint
/// it resolves once per table, the signing scope, the prepared body, and DynamoDB's errors as the SDK's exceptions.
/// </summary>
public class WirePipelineTests
{
    [Fact]
    public async Task Every_call_to_a_region_goes_to_its_endpoint_signed_for_it_the_cached_ones_too()
    {
        var http = new RecordingHandler();
        using var client = new WireDynamoDbClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.EUWest2, MaxErrorRetry = 0, HttpClientFactory = new Factory(http) });
        var item = WireItem.From(TestItems.OrdersTable, TestItems.Order(1));

        foreach (var table in new[] { "orders", "orders", "orders", "customers" })
            await client.BatchWriteItemAsync(new WireBatchWriteItemRequest(table, [item]));
        await client.DescribeTableAsync("orders");

        Assert.Equal(5, http.Requests.Count);
        Assert.All(http.Requests, r => Assert.Equal("https://dynamodb.eu-west-2.amazonaws.com/", r.Uri));
        Assert.All(http.Requests, r => Assert.Contains("/eu-west-2/dynamodb/aws4_request", r.Authorization, StringComparison.Ordinal));
        Assert.Equal(new WireBatchWriteItemRequest("orders", [item]).Body(), http.Requests[2].Body);
        Assert.Equal(new WireBatchWriteItemRequest("customers", [item]).Body(), http.Requests[3].Body);
        Assert.Equal("DynamoDB_20120810.DescribeTable", http.Requests[4].Target);
    }

    [Fact]
    public async Task A_service_url_with_an_authentication_region_keeps_that_scope_on_every_call()
    {
        var http = new RecordingHandler();
        using var client = new WireDynamoDbClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:8000", AuthenticationRegion = "eu-central-1", MaxErrorRetry = 0, HttpClientFactory = new Factory(http) });
        var item = WireItem.From(TestItems.OrdersTable, TestItems.Order(1));

        for (var i = 0; i < 3; i++) await client.BatchWriteItemAsync(new WireBatchWriteItemRequest("orders", [item]));

        Assert.All(http.Requests, r => Assert.Equal("http://127.0.0.1:8000/", r.Uri));
        Assert.All(http.Requests, r => Assert.Contains("/eu-central-1/dynamodb/aws4_request", r.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Throttling_is_the_sdks_exception_after_one_call_since_the_writer_does_the_retrying()
    {
        var http = new RecordingHandler(HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"Rate exceeded"}""");
        using var client = new WireDynamoDbClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:8000", AuthenticationRegion = "us-east-1", MaxErrorRetry = 0, HttpClientFactory = new Factory(http) });

        await Assert.ThrowsAsync<ProvisionedThroughputExceededException>(() =>
            client.BatchWriteItemAsync(new WireBatchWriteItemRequest("orders", [WireItem.From(TestItems.OrdersTable, TestItems.Order(1))])));
        Assert.Single(http.Requests);
    }

    private sealed record Sent(string Uri, string Authorization, string Target, byte[] Body);

    private sealed class RecordingHandler(HttpStatusCode status = HttpStatusCode.OK, string answer = """{"UnprocessedItems":{}}""") : HttpMessageHandler
    {
        public List<Sent> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            lock (Requests)
                Requests.Add(new Sent(request.RequestUri!.ToString(), request.Headers.TryGetValues("Authorization", out var authorization) ? authorization.Single() : "",
                    request.Headers.TryGetValues("X-Amz-Target", out var target) ? target.Single() : "", body));
            var bytes = Encoding.UTF8.GetBytes(answer);
            var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(bytes) };
            response.Content.Headers.ContentType = new("application/x-amz-json-1.0");
            response.Headers.Add("x-amz-crc32", Crc32.HashToUInt32(bytes).ToString(CultureInfo.InvariantCulture));
            return response;
        }
    }

    private sealed class Factory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);
    }
}
