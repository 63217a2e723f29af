using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Dynamo.Core.Writing.Wire;

namespace Dynamo.IngestWork;

/// <summary>
/// A store that takes every BatchWriteItem at once: it builds the body the SDK would send (the function's
/// work) and stops there, before signing and HTTP (the network's).
/// </summary>
internal sealed class BodyOnlyStore() : WireDynamoDbClient(
    new BasicAWSCredentials("unused", "unused"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9", MaxErrorRetry = 0 })
{
    private static readonly BatchWriteItemResponse Accepted = new() { UnprocessedItems = [] };

    public long BodyBytes { get; private set; }

    public override Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken = default)
    {
        var body = ((WireBatchWriteItemRequest)request).Body();
        lock (this) BodyBytes += body.Length;
        return Task.FromResult(Accepted);
    }
}
