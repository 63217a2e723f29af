using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Dynamo.Core.Writing.Wire;

namespace Dynamo.Local.Store;

/// <summary>
/// SDK clients for a DynamoDB endpoint on this machine: explicit dummy credentials, no instance metadata; able
/// to carry the batch writer's prepared items.
/// </summary>
public static class LocalDynamoDbClient
{
    public static IAmazonDynamoDB Create(Uri endpoint, Action<AmazonDynamoDBConfig>? configure = null)
    {
        // The SDK would otherwise probe the EC2 metadata endpoint for a region or credentials.
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        };
        configure?.Invoke(config);
        return new WireDynamoDbClient(new BasicAWSCredentials("dummy", "dummy"), config);
    }
}
