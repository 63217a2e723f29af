using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Core.Ingesting;
using Dynamo.Core.Writing;
using Amazon.Lambda.APIGatewayEvents;
using Dynamo.Lambda.Extensions.Observability;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Xunit.Abstractions;

namespace Dynamo.Functions.Tests;

/// <summary>
/// The largest replies a 5,000-row request can get, measured as Lambda measures them: the bytes the function
/// posts as its response, which must stay within Lambda's 6 MB (6,291,456 bytes) or API Gateway answers 502.
/// The reply budget (<see cref="ReplyBudget"/>) holds the rows to 5 MB counted that way, whatever they are; these
/// requests are built to fill it with the costliest text there is, as the response's envelope (System.Text.Json's
/// default encoder, as the official HttpResults writes it) carries it: quotes, which the reply escapes and the
/// response escapes again (1 character, 8 bytes), control characters (1 character, 7 bytes), CJK (3 bytes sent,
/// 6 in the response) and emoji (4 bytes sent, 14 in the response).
/// </summary>
public sealed class ReplySizeTests(ITestOutputHelper output) : IDisposable
{
    private const int LambdaResponseLimit = 6 * 1024 * 1024;
    private const int MaxBodyBytes = 5 * 1024 * 1024;

    private readonly StringWriter _console = new();

    public void Dispose() => _console.Dispose();

    private static string Order(string orderId, string extra = "") =>
        $$"""{"orderId":"{{orderId}}","customer":"c","amount":1.5,"status":"paid","createdAt":"2026-03-14T15:09:26Z"{{extra}}}""";

    /// <summary>5,000 rows as long as the 5 MB body allows: <paramref name="row"/> given its index and how many bytes of filler it takes.</summary>
    private static string FiveThousandRows(Func<int, int, string> row)
    {
        var share = (MaxBodyBytes - 100) / 5000 - 1;
        var body = """{"rows":[""" + string.Join(",", Enumerable.Range(0, 5000).Select(i => row(i, share - Encoding.UTF8.GetByteCount(row(i, 0))))) + "]}";
        Assert.InRange(Encoding.UTF8.GetByteCount(body), MaxBodyBytes - 5000 * 10, MaxBodyBytes);
        return body;
    }

    /// <summary>Text of about <paramref name="bytes"/> bytes as JSON spells it, of <paramref name="escaped"/> repeated.</summary>
    private static string Filler(string escaped, int bytes) =>
        string.Concat(Enumerable.Repeat(escaped, Math.Max(0, bytes / Encoding.UTF8.GetByteCount(escaped))));

    public static TheoryData<string, string> Escapes => new()
    {
        { "quotes", "\\\"" }, { "control characters", "\\u0001" }, { "CJK", "東" }, { "emoji", "😀" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task Five_thousand_invalid_rows_whose_errors_name_the_costliest_fields_get_a_reply_within_6_MB(string what, string escaped)
    {
        // Each row: a field whose name fills the row, holding 11 numbers DynamoDB cannot hold: 11 errors, each
        // spelling the name (cut to 512 bytes), a row's 1 KB costing up to 6 KB of reply.
        var numbers = string.Join(",", Enumerable.Repeat("1e999", 11));
        var body = FiveThousandRows((i, filler) => Order($"W-{i}", $",\"{Filler(escaped, filler)}\":[{numbers}]"));

        var (response, bytes) = await Post(body, new Mock<IAmazonDynamoDB>(MockBehavior.Strict));

        output.WriteLine($"{what}: the Lambda response is {bytes:N0} bytes (the limit {LambdaResponseLimit:N0})");
        Assert.True(bytes <= LambdaResponseLimit, $"{bytes:N0} bytes");
        Assert.Equal(207, response.StatusCode);
        var reply = JsonSerializer.Deserialize(response.Body!, ContractsJsonContext.Default.IngestResponse)!;
        Assert.True(reply.Truncated);
        Assert.Equal(Enumerable.Range(0, 5000), reply.Rows.Select(r => r.Index));
        Assert.All(reply.Rows, row => Assert.Equal(RowStatus.Invalid, row.Status));
        Assert.All(reply.Rows, row => Assert.NotEmpty(row.Errors!));
    }

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task Five_thousand_retry_rows_listed_with_the_costliest_keys_get_a_reply_within_6_MB(string what, string escaped)
    {
        // Valid rows whose keys are as costly as the schema lets them be (128 characters), listed with ?rows=all, and
        // a store that throttles every write: every row is retry, and every key is echoed as sent.
        var key = string.Concat(Enumerable.Repeat(escaped, 124));
        var body = FiveThousandRows((i, filler) => Order($"{i:0000}{key}", $",\"note\":\"{Filler("n", filler)}\""));
        var store = new Mock<IAmazonDynamoDB>();
        store.Setup(s => s.BatchWriteItemAsync(It.IsAny<BatchWriteItemRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ProvisionedThroughputExceededException("Throughput exceeds the current capacity of your table."));

        var (response, bytes) = await Post(body, store, listAll: true);

        output.WriteLine($"{what}: the Lambda response is {bytes:N0} bytes (the limit {LambdaResponseLimit:N0})");
        Assert.True(bytes <= LambdaResponseLimit, $"{bytes:N0} bytes");
        var reply = JsonSerializer.Deserialize(response.Body!, ContractsJsonContext.Default.IngestResponse)!;
        Assert.Equal(5000, reply.Rows.Count);
        Assert.All(reply.Rows, row => Assert.Equal(RowStatus.Retry, row.Status));
    }

    private Task<(APIGatewayProxyResponse Response, int Bytes)> Post(string body, Mock<IAmazonDynamoDB> store, bool listAll = false)
    {
        var clock = TimeProvider.System;
        var function = new IngestFunction(
            new RowIngestor(DatasetCatalog.Load(""), new BatchWriter(store.Object, clock, new BatchWriterOptions())),
            clock,
            new IngestSettings(TimeSpan.FromSeconds(3)),
            new InvocationReport(new InvocationLog(_console, clock), new EmbeddedMetrics(_console, clock, "test"), new ColdStart(null)),
            GeneratedHandlers.Filters());
        var request = new APIGatewayProxyRequest
        {
            HttpMethod = "POST",
            Path = "/datasets/orders/rows",
            Resource = "/datasets/{dataset}/rows",
            PathParameters = new Dictionary<string, string> { ["dataset"] = "orders" },
            QueryStringParameters = listAll ? new Dictionary<string, string> { ["rows"] = "all" } : null,
            Headers = new Dictionary<string, string> { ["content-type"] = "application/json" },
            RequestContext = new APIGatewayProxyRequest.ProxyRequestContext { RequestId = "api-request-1" },
            Body = body,
        };
        return GeneratedHandlers.CallMeasured(nameof(IngestFunction.PostRows), request, services => services.AddSingleton(function));
    }
}
