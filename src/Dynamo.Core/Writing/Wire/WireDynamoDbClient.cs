using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Dynamo.Core.Writing.Wire;

/// <summary>
/// The SDK's DynamoDB client, able to send a <see cref="WireBatchWriteItemRequest"/>: everything else
/// (endpoint, credentials, signing, HTTP, response parsing) is the SDK's own. Open to stores that answer in
/// process (the ingest CPU benchmark).
/// </summary>
public class WireDynamoDbClient : AmazonDynamoDBClient
{
    public WireDynamoDbClient(AmazonDynamoDBConfig config)
        : base(config)
    {
    }

    public WireDynamoDbClient(AWSCredentials credentials, AmazonDynamoDBConfig config)
        : base(credentials, config)
    {
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandlerAfter<Marshaller>(new WireBodyHandler());
    }
}
