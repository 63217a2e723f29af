using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Dynamo.Core.Writing.Wire;

namespace Dynamo.Functions;

/// <summary>
/// The DynamoDB client of a function: region from <c>AWS_REGION</c> and credentials from the execution
/// role (both set by Lambda); <c>DYNAMODB_ENDPOINT</c> points it at DynamoDB Local instead.
/// </summary>
internal static class StoreClient
{
    public const string EndpointVariable = "DYNAMODB_ENDPOINT";

    public static IAmazonDynamoDB FromEnvironment()
    {
        var endpoint = Environment.GetEnvironmentVariable(EndpointVariable);
        // The batch writer retries with its own backoff inside the request's budget: the SDK's retries would not.
        var config = new AmazonDynamoDBConfig { MaxErrorRetry = 0 };
        if (string.IsNullOrEmpty(endpoint))
            return new WireDynamoDbClient(config);

        config.ServiceURL = endpoint;
        config.AuthenticationRegion = Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1";
        // DynamoDB Local takes any key; explicit dummy ones keep the SDK from probing for real credentials.
        return Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is null
            ? new WireDynamoDbClient(new BasicAWSCredentials("dummy", "dummy"), config)
            : new WireDynamoDbClient(config);
    }
}
