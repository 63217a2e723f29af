using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Cli.Commands;
using Dynamo.Local;
using Dynamo.Testing;

namespace Dynamo.EndToEnd.Tests;

/// <summary>`dynamo send` against the local stack: every row stored once, and a re-run changes nothing.</summary>
[Collection(LocalStackTests.Name)]
public sealed class SendTests(LocalStackFixture stack) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dynamo-send-e2e-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Rows_sent_from_a_CSV_are_stored_once_and_a_rerun_changes_no_row()
    {
        // A long run (TestVolume) sends 100,000 rows with the default batch, as a user's first bulk load would.
        var count = TestVolume.Of(3000, 100_000);
        string[] batch = TestVolume.IsLong ? [] : ["--batch", "500"];
        var prefix = "send-" + Guid.NewGuid().ToString("N")[..8];
        var file = SendFiles.OrdersCsv(folder, prefix, count, invalidEvery: 1000);
        var invalid = count / 1000;
        var expected = string.Create(CultureInfo.InvariantCulture, $"{count - invalid:N0} stored, {invalid:N0} invalid");

        var first = await SendFiles.SendAsync(stack.Api, file, batch);
        var stored = await SendFiles.StoredAsync(stack.Stack, prefix);
        var second = await SendFiles.SendAsync(stack.Api, file, batch);
        var afterRerun = await SendFiles.StoredAsync(stack.Stack, prefix);

        Assert.Equal(ExitCodes.SomeRowsRejected, first.Code);
        Assert.Contains(expected, first.Output, StringComparison.Ordinal);
        Assert.Equal(count - invalid, stored.Count);
        Assert.Equal(invalid, File.ReadAllLines(file + ".rejects.jsonl").Length);
        Assert.Equal(ExitCodes.SomeRowsRejected, second.Code);
        // The rerun sent every row again (no checkpoint of the finished first run survived to skip them) ...
        Assert.Contains(expected, second.Output, StringComparison.Ordinal);
        Assert.All(afterRerun, row => Assert.NotEqual(stored[row.Key].RequestId, row.Value.RequestId));
        // ... and changed no row: the same fields and hash; only _rid says which request last wrote it.
        Assert.Equal(stored.ToDictionary(r => r.Key, r => r.Value with { RequestId = "" }), afterRerun.ToDictionary(r => r.Key, r => r.Value with { RequestId = "" }));
    }
}

/// <summary>The files and reads the `dynamo send` end-to-end tests share.</summary>
internal static class SendFiles
{
    public static string OrdersCsv(string folder, string prefix, int count, int invalidEvery = 0)
    {
        var file = Path.Combine(folder, prefix + ".csv");
        var csv = new StringBuilder("orderId,customer,amount,currency,status,createdAt\n");
        for (var i = 0; i < count; i++)
        {
            var amount = invalidEvery > 0 && i % invalidEvery == 1 ? "\"12,5\"" : (i + 0.5).ToString(CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}-{i},\"Customer {i % 97}, Inc.\",{amount},EUR,paid,2026-03-14T15:09:26Z\n");
        }
        File.WriteAllText(file, csv.ToString());
        return file;
    }

    public static async Task<(int Code, string Output, string Error)> SendAsync(Uri api, string file, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(),
            ["send", file, "--dataset", "orders", "--url", api.ToString(), .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>What one stored row holds: its fields' hash, two of its fields, and the request that last wrote it.</summary>
    public sealed record StoredRow(string Hash, string Amount, string Customer, string RequestId);

    /// <summary>Each stored row of the run, by orderId.</summary>
    public static async Task<Dictionary<string, StoredRow>> StoredAsync(LocalStack stack, string prefix)
    {
        using var client = stack.Store.CreateClient();
        var rows = new Dictionary<string, StoredRow>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.ScanAsync(new ScanRequest
            {
                TableName = "orders",
                FilterExpression = "begins_with(orderId, :prefix)",
                ExpressionAttributeValues = new() { [":prefix"] = new AttributeValue { S = prefix + "-" } },
                ExclusiveStartKey = start,
            });
            foreach (var item in page.Items ?? [])
                Assert.True(rows.TryAdd(item["orderId"].S, new StoredRow(item["_h"].S, item["amount"].N, item["customer"].S, item["_rid"].S)));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        } while (start is not null);
        return rows;
    }
}
