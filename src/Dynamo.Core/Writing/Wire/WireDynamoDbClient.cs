using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Internal;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Dynamo.Core.Writing.Wire;

/// <summary>
/// The SDK's DynamoDB client, able to send a <see cref="WireBatchWriteItemRequest"/> or <see cref="WireConditionalPutRequest"/>:
/// credentials, signing, HTTP and response parsing stay the SDK's own. Its pipeline drops what a writer sending 200
/// calls a request pays for on every call and does not use (docs/performance.md, The whole process's CPU). Open to
/// stores that answer in process (the ingest CPU benchmark).
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
        // The endpoint rules gave 9 % of the process's instructions: evaluated once per table instead of per call.
        pipeline.ReplaceHandler<AmazonDynamoDBEndpointResolver>(new CachedEndpointResolver());
        // With no retries configured (the writer retries within the request's deadline itself) the retry handler
        // only keeps books; the metrics handler times each call for the SDK's client metrics and traces, which
        // nothing here reads. The remaining handlers (auth scheme and credentials, signer, error handling,
        // unmarshaller, HTTP) are the SDK's.
        if (Config.MaxErrorRetry == 0) pipeline.RemoveHandler<RetryHandler>();
        pipeline.RemoveHandler<MetricsHandler>();
    }
}
