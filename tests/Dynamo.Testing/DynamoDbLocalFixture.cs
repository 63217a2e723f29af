using Amazon.DynamoDBv2;
using Dynamo.Local.Store;

namespace Dynamo.Testing;

/// <summary>
/// The one DynamoDB Local of a test run (in memory, shared database, free port), started on first use
/// and stopped by PID when the test process exits; its watchdog ends it too if the run is killed.
/// Test classes take it as IClassFixture&lt;DynamoDbLocalFixture&gt; (all share the one process); each
/// test creates its own tables.
/// </summary>
public sealed class DynamoDbLocalFixture
{
    private static readonly Lazy<Task<DynamoDbLocal>> Instance = new(StartAsync);

    public DynamoDbLocal Local { get; } = Instance.Value.GetAwaiter().GetResult();

    public Uri Endpoint => Local.Endpoint;

    public IAmazonDynamoDB CreateClient() => Local.CreateClient();

    private static async Task<DynamoDbLocal> StartAsync()
    {
        var root = RepositoryRoot.Find();
        var local = await DynamoDbLocal.StartAsync(new DynamoDbLocalOptions
        {
            InstallDirectory = DynamoDbLocalOptions.DefaultInstallDirectory(root),
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => local.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return local;
    }
}
