using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Dynamo.Local.Store;

namespace Dynamo.Cli.Querying;

/// <summary>
/// Which DynamoDB a verb reads: <c>--endpoint</c> when given, else the running local stack's (from
/// <c>.dynamo/local.json</c>), else AWS with the SDK's default credentials and region.
/// </summary>
internal sealed record DynamoDbTarget(Uri? Endpoint)
{
    public static DynamoDbTarget Resolve(Uri? endpoint) => new(endpoint ?? LocalStackEndpoint());

    public IAmazonDynamoDB CreateClient()
    {
        if (Endpoint is null) return new AmazonDynamoDBClient();
        // DynamoDB Local takes any credentials; an endpoint elsewhere (AWS, a proxy) gets the real ones.
        if (IsLoopback(Endpoint)) return LocalDynamoDbClient.Create(Endpoint);
        return new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = Endpoint.ToString() });
    }

    public override string ToString() => Endpoint?.ToString().TrimEnd('/') ?? "AWS (default credentials and region)";

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The "dynamodb" URL of <c>.dynamo/local.json</c> in the checkout, if the local stack wrote one.</summary>
    private static Uri? LocalStackEndpoint()
    {
        string path;
        try
        {
            path = Path.Combine(RepositoryRoot.Find(), ".dynamo", "local.json");
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        if (!File.Exists(path)) return null;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var property in document.RootElement.EnumerateObject())
            if (property.Name.Equals("dynamodb", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(property.Value.GetString(), UriKind.Absolute, out var uri))
                return uri;
        return null;
    }
}
