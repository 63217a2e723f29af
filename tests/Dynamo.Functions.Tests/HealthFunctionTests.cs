using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Dynamo.Contracts;
using Amazon.Lambda.APIGatewayEvents;
using Moq;

namespace Dynamo.Functions.Tests;

public sealed class HealthFunctionTests
{
    private static async Task<APIGatewayProxyResponse> Check(Mock<IAmazonDynamoDB> store) =>
        (await new HealthFunction(store.Object, GeneratedHandlers.Filters()).CheckHealth(new APIGatewayProxyRequest(), new TestLambdaContext())).ToResponse();

    [Fact]
    public async Task The_store_answering_gives_200_ok_reachable()
    {
        var store = new Mock<IAmazonDynamoDB>();
        store.Setup(s => s.ListTablesAsync(It.Is<ListTablesRequest>(r => r.Limit == 1), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ListTablesResponse { TableNames = ["orders"] });

        var response = await Check(store);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", response.Header("Content-Type"));
        Assert.Equal("""{"status":"ok","store":"reachable"}""", response.Body);
        store.VerifyAll();
    }

    public static TheoryData<Exception> StoreFailures => new()
    {
        new AmazonDynamoDBException("The security token included in the request is invalid."),
        new HttpRequestException("Connection refused (127.0.0.1:1)"),
        new AmazonClientException("Unable to get IAM security credentials"),
        new TaskCanceledException("no answer"),
    };

    [Theory]
    [MemberData(nameof(StoreFailures))]
    public async Task A_store_that_fails_or_does_not_answer_gives_503_with_a_JSON_error(Exception failure)
    {
        var store = new Mock<IAmazonDynamoDB>();
        store.Setup(s => s.ListTablesAsync(It.IsAny<ListTablesRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(failure);

        var response = await Check(store);

        Assert.Equal(503, response.StatusCode);
        var error = JsonSerializer.Deserialize(response.Body!, ContractsJsonContext.Default.ErrorResponse)!;
        Assert.Equal(ErrorTypes.ServiceUnavailable, error.Type);
        Assert.StartsWith("The store is unavailable", error.Message);
    }
}
