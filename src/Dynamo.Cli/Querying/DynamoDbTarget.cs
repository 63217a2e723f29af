using System.Net;
using Amazon.DynamoDBv2;
using Dynamo.Cli.Local;
using Dynamo.Local.Store;

namespace Dynamo.Cli.Querying;

/// <summary>
/// Which DynamoDB a verb reads: <c>--endpoint</c> when given, else the running local stack's
/// (<see cref="LocalStackFiles.FindRunning"/>: its metered DynamoDB endpoint, which answers as DynamoDB does), else AWS with the SDK's
/// default credentials and region.
/// </summary>
internal sealed record DynamoDbTarget(Uri? Endpoint)
{
    public static DynamoDbTarget Resolve(Uri? endpoint) => new(endpoint ?? LocalStackEndpoint());

    public IAmazonDynamoDB CreateClient()
    {
        if (Endpoint is null) return new AmazonDynamoDBClient();
        // DynamoDB Local takes any credentials; an endpoint elsewhere (AWS, a proxy) gets the real ones. The local
        // stack's endpoint throttles writes as DynamoDB does, so its client retries them as an AWS client would.
        if (IsLoopback(Endpoint)) return LocalDynamoDbClient.Create(Endpoint, c => c.MaxErrorRetry = new AmazonDynamoDBConfig().MaxErrorRetry);
        return new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = Endpoint.ToString() });
    }

    public override string ToString() => Endpoint?.ToString().TrimEnd('/') ?? "AWS (default credentials and region)";

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The stack's DynamoDB endpoint from <c>.dynamo/local.json</c> in the checkout, if a local stack wrote one.</summary>
    private static Uri? LocalStackEndpoint() => LocalStackFiles.FindRunning()?.DynamoDb;
}
