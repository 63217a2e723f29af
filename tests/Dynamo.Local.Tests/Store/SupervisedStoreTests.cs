using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Local.Processes;
using Dynamo.Local.Store;

namespace Dynamo.Local.Tests.Store;

public sealed class SupervisedStoreTests
{
    [Fact]
    public async Task A_killed_store_is_started_again_on_its_port_with_its_data_and_prepared_again()
    {
        var data = Directory.CreateTempSubdirectory("dynamo-supervised-");
        var lines = new List<string>();
        var prepared = 0;
        var store = await SupervisedStore.StartAsync(new DynamoDbLocalOptions
        {
            InstallDirectory = DynamoDbLocalOptions.DefaultInstallDirectory(RepositoryRoot.Find()),
            DataDirectory = data.FullName,
        }, async (client, token) =>
        {
            Interlocked.Increment(ref prepared);
            if ((await client.ListTablesAsync(new ListTablesRequest(), token)).TableNames.Count == 0)
                await client.CreateTableAsync(new CreateTableRequest
                {
                    TableName = "kept",
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                    AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
                    KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
                }, token);
        }, line => { lock (lines) lines.Add(line); });
        var first = store.ProcessId;
        try
        {
            using (var client = store.CreateClient())
                await client.PutItemAsync("kept", new Dictionary<string, AttributeValue> { ["id"] = new("a") });

            Process.GetProcessById(first).Kill();
            await BackAsync(store);

            Assert.NotEqual(first, store.ProcessId);
            Assert.True(ListeningSockets.IsListening(store.ProcessId, store.Port));
            Assert.Equal(2, prepared);
            using (var client = store.CreateClient())
            {
                var item = await client.GetItemAsync("kept", new Dictionary<string, AttributeValue> { ["id"] = new("a") });
                Assert.Equal("a", item.Item["id"].S);
            }
            lock (lines)
            {
                Assert.Contains($"DynamoDB Local (pid {first}) ended (signal: killed); starting it again on port {store.Port}", lines);
                Assert.Contains(lines, line => line.StartsWith($"DynamoDB Local is back on port {store.Port} (pid {store.ProcessId})", StringComparison.Ordinal));
            }
        }
        finally
        {
            var last = store.ProcessId;
            await store.DisposeAsync();
            Assert.False(OwnedProcess.IsRunning(last), "java outlived the store");
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_stopped_store_is_not_started_again()
    {
        var store = await SupervisedStore.StartAsync(new DynamoDbLocalOptions
        {
            InstallDirectory = DynamoDbLocalOptions.DefaultInstallDirectory(RepositoryRoot.Find()),
        }, (_, _) => Task.CompletedTask, _ => { });
        var pid = store.ProcessId;

        await store.DisposeAsync();
        await Task.Delay(500);

        Assert.False(OwnedProcess.IsRunning(pid));
        Assert.Equal(0, store.Restarts);
        Assert.False(ListeningSockets.IsListening(store.ProcessId, store.Port));
    }

    /// <summary>Waits for the restart; a JVM on a busy 2-core machine has taken a minute to start.</summary>
    private static async Task BackAsync(SupervisedStore store)
    {
        var waited = Stopwatch.StartNew();
        while (store.Restarts == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(3), "the store was not started again");
            await Task.Delay(50);
        }
    }
}
