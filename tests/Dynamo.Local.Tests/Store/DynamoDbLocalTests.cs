using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Dynamo.Local.Store;
using Dynamo.Testing;

namespace Dynamo.Local.Tests.Store;

public sealed class DynamoDbLocalTests
{
    private static DynamoDbLocalOptions InMemory(int port = 0) => new()
    {
        InstallDirectory = DynamoDbLocalOptions.DefaultInstallDirectory(RepositoryRoot.Find()),
        Port = port,
    };

    [Fact]
    public async Task A_started_instance_answers_and_its_java_is_gone_after_dispose()
    {
        var local = await DynamoDbLocal.StartAsync(InMemory());
        using (var client = local.CreateClient())
        {
            var tables = await client.ListTablesAsync(new ListTablesRequest());
            Assert.Empty(tables.TableNames);
        }
        Assert.True(ListeningSockets.IsListening(local.ProcessId, local.Port));

        await local.DisposeAsync();

        Assert.False(Directory.Exists($"/proc/{local.ProcessId}"), "java outlived its DynamoDbLocal");
    }

    [Fact]
    public async Task A_port_held_by_another_server_is_not_taken_for_ours()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<PortInUseException>(() => DynamoDbLocal.StartAsync(InMemory(port)));

        Assert.Equal(port, error.Port);
        Assert.Contains($"Port {port} is held by another process", error.Message);
    }

    [Fact]
    public async Task Java_dies_with_the_process_that_owns_it()
    {
        // A killed test host or CLI runs no cleanup code: the watchdog alone must end java.
        // Long enough to outlast a slow start on a loaded machine: the test kills it itself.
        using var owner = Process.Start(new ProcessStartInfo("sleep", ["600"]))!;
        DynamoDbLocal local;
        try
        {
            local = await DynamoDbLocal.StartAsync(InMemory() with { OwnerProcessId = owner.Id });
        }
        catch
        {
            owner.Kill(); // a failed start must not leave the stand-in owner behind
            throw;
        }

        try
        {
            owner.Kill();
            await owner.WaitForExitAsync();
            var gone = false;
            for (var i = 0; i < 50 && !gone; i++)
            {
                await Task.Delay(100);
                gone = !Directory.Exists($"/proc/{local.ProcessId}");
            }

            Assert.True(gone, "java outlived the process that owned it");
        }
        finally
        {
            await local.DisposeAsync();
        }
    }
}

public sealed class DynamoDbLocalFixtureTests(DynamoDbLocalFixture fixture) : IClassFixture<DynamoDbLocalFixture>
{
    [Fact]
    public async Task The_shared_instance_keeps_what_a_test_writes()
    {
        using var client = fixture.CreateClient();
        var table = UniqueNames.Table("fixture");
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition("id", Amazon.DynamoDBv2.ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("id", Amazon.DynamoDBv2.KeyType.HASH)],
        });
        await client.PutItemAsync(table, new Dictionary<string, AttributeValue> { ["id"] = new("a") });

        var got = await client.GetItemAsync(table, new Dictionary<string, AttributeValue> { ["id"] = new("a") });

        Assert.Equal("a", got.Item["id"].S);
    }
}
