using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Dynamo.Cli.Commands;
using Dynamo.Client;

namespace Dynamo.EndToEnd.Tests;

/// <summary>
/// The clients on a versioned dataset (inventory, versioned by updatedAt) against the local stack: `dynamo send`
/// settles stale rows and rejects conflicts with the stored hash; `dynamo load --scenario updates` races senders on
/// the same keys and reads back the newest version of every one.
/// </summary>
[Collection(LocalStackTests.Name)]
public sealed class VersionedSendAndLoadTests(LocalStackFixture stack) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dynamo-versioned-e2e-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Send_settles_a_stale_row_rejects_a_conflict_with_the_stored_hash_and_exits_3()
    {
        var sku = "sku-" + Guid.NewGuid().ToString("N")[..8];
        var first = Write("first.jsonl",
            Row($"{sku}-a", 5, "2026-12-03T10:00:02Z"), Row($"{sku}-b", 7, "2026-12-03T10:00:02Z"));
        var second = Write("second.jsonl",
            Row($"{sku}-a", 1, "2026-12-03T10:00:01Z"), Row($"{sku}-b", 8, "2026-12-03T10:00:02Z"), Row($"{sku}-c", 3, "2026-12-03T10:00:01Z"));

        var stored = await SendAsync(first);
        var again = await SendAsync(second);

        Assert.Equal(ExitCodes.Success, stored.Code);
        Assert.Contains("2 stored, 0 invalid, 0 duplicate, 0 stale, 0 conflicts in ", stored.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.SomeRowsRejected, again.Code);
        Assert.Contains("1 stored, 0 invalid, 0 duplicate, 1 stale, 1 conflict in ", again.Output, StringComparison.Ordinal);
        var table = await TableAsync();
        using var dynamo = stack.Stack.Store.CreateClient();
        var a = await ItemAsync(dynamo, table, $"{sku}-a");
        var b = await ItemAsync(dynamo, table, $"{sku}-b");
        Assert.Equal(("5", "2026-12-03T10:00:02Z"), (a["quantity"].N, a["updatedAt"].S));
        Assert.Equal("7", b["quantity"].N);
        var reject = Assert.Single(File.ReadAllLines(second + ".rejects.jsonl"));
        using var line = JsonDocument.Parse(reject);
        Assert.Equal(2, line.RootElement.GetProperty("line").GetInt32());
        Assert.Equal($"conflict: the table holds this version with other content, stored hash {b["_h"].S}",
            line.RootElement.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task Load_updates_races_senders_on_the_same_keys_and_the_newest_version_of_every_key_wins()
    {
        var report = Path.Combine(folder, "report");
        using var output = new StringWriter();
        using var error = new StringWriter();

        // No --dataset: the updates scenario's default is inventory.
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(),
        [
            "load", "--scenario", "updates", "--rate", "12", "--duration", "3s", "--rows", "50", "--seed", "26", "--cleanup",
            "--url", stack.Stack.Endpoints.Api.ToString(), "--endpoint", stack.Stack.Endpoints.DynamoDb.ToString(), "--report", report,
        ], output, error);

        Assert.True(code == ExitCodes.Success, output + "\n" + error);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(report, "report.json")));
        var root = json.RootElement;
        Assert.Equal("inventory", root.GetProperty("run").GetProperty("dataset").GetString());
        // 36 requests: six groups of six senders, each group updating 50 keys of its own.
        Assert.Equal((36L * 50, 6L * 50), (root.GetProperty("rowsSent").GetInt64(), root.GetProperty("keys").GetInt64()));
        Assert.Equal(6L * 50, root.GetProperty("rowsVerified").GetInt64());
        Assert.Equal((0L, 0L, 0L, 0L), (root.GetProperty("lost").GetInt64(), root.GetProperty("corrupted").GetInt64(),
            root.GetProperty("duplicated").GetInt64(), root.GetProperty("conflicts").GetInt64()));
        // Every key's versions come in a shuffled order: a lower one after a higher one is stale (almost surely many).
        Assert.InRange(root.GetProperty("stale").GetInt64(), 1, 36L * 50);
        Assert.Equal(6L * 50, root.GetProperty("cleanedUp").GetInt64());
        Assert.Contains("Read-back: 300 of 300 keys verified at their newest version, 0 lost", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(" stale (a newer version was already stored), 0 conflicts", output.ToString(), StringComparison.Ordinal);
    }

    private static string Row(string sku, int quantity, string updatedAt) =>
        $$"""{"sku":"{{sku}}","quantity":{{quantity}},"warehouse":"w-1","updatedAt":"{{updatedAt}}"}""";

    private string Write(string name, params string[] rows)
    {
        var file = Path.Combine(folder, name);
        File.WriteAllLines(file, rows);
        return file;
    }

    private async Task<(int Code, string Output, string Error)> SendAsync(string file)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(),
            ["send", file, "--dataset", "inventory", "--url", stack.Api.ToString()], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<string> TableAsync()
    {
        using var client = new IngestClient(stack.Api);
        return (await client.GetDatasetsAsync()).Single(d => d.Name == "inventory").Table;
    }

    private static async Task<Dictionary<string, AttributeValue>> ItemAsync(Amazon.DynamoDBv2.IAmazonDynamoDB dynamo, string table, string sku) =>
        (await dynamo.GetItemAsync(new GetItemRequest { TableName = table, Key = new() { ["sku"] = new AttributeValue { S = sku } }, ConsistentRead = true })).Item;
}
