using System.Text.RegularExpressions;
using Dynamo.Cli.Commands;
using Dynamo.Local.Store;
using Dynamo.Testing;

namespace Dynamo.Cli.Tests.Querying;

/// <summary>
/// docs/querying.md's examples, run as written: every ```sh block holding a `scripts/dynamo query`
/// command followed by a ```jsonl block of the rows it prints, on the example rows of docs/examples/ loaded
/// into uniquely named tables (the statement's "orders" and "readings" renamed to them).
/// </summary>
public sealed partial class QueryingDocsExamplesTests(DynamoDbLocalFixture local) : IClassFixture<DynamoDbLocalFixture>
{
    public sealed record Example(string Command, string[] ExpectedRows)
    {
        public override string ToString() => Command;
    }

    public static TheoryData<Example> Examples()
    {
        var data = new TheoryData<Example>();
        foreach (var example in Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "querying.md"))))
            data.Add(example);
        return data;
    }

    [Fact]
    public void The_page_has_an_example_of_each_kind()
    {
        var commands = Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "querying.md"))).Select(e => e.Command).ToList();

        Assert.True(commands.Count >= 9, $"{commands.Count} examples");
        Assert.Contains(commands, c => c.Contains("\"readings\" WHERE deviceId = ? AND ts BETWEEN", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains(" IN [", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("shipping.city", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("WHERE status = ?", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task An_example_prints_the_rows_it_documents(Example example)
    {
        var tables = await LoadExampleTablesAsync();
        var args = ShellWords(example.Command);
        Assert.Equal(["scripts/dynamo", "query"], args[..2]);
        var statement = tables.Aggregate(args[2], (text, table) => text.Replace($"\"{table.Key}\"", $"\"{table.Value}\"", StringComparison.Ordinal));

        var run = await QueryRun.RunAsync([statement, .. args[3..], "--endpoint", local.Endpoint.ToString()]);

        Assert.True(run.Code == ExitCodes.Success, run.Error);
        // The page shows the very lines the command prints; only the order of rows from different partitions,
        // which is DynamoDB's own, may differ.
        Assert.Equal(example.ExpectedRows.Order(StringComparer.Ordinal), run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    private async Task<Dictionary<string, string>> LoadExampleTablesAsync()
    {
        var dynamo = local.CreateClient();
        var examples = Path.Combine(RepositoryRoot.Find(), "docs", "examples");
        var orders = await QueryTables.CreateAsync(dynamo, "orders", "orderId");
        await QueryTables.PutAsync(dynamo, orders, File.ReadLines(Path.Combine(examples, "orders.jsonl")));
        var readings = await QueryTables.CreateAsync(dynamo, "readings", "deviceId", "ts");
        await QueryTables.PutAsync(dynamo, readings, File.ReadLines(Path.Combine(examples, "readings.jsonl")));
        return new() { ["orders"] = orders, ["readings"] = readings };
    }

    private static IEnumerable<Example> Parse(string page)
    {
        foreach (Match match in ExamplePair().Matches(page))
        {
            var command = match.Groups["command"].Value.Replace("\\\n", " ", StringComparison.Ordinal).Trim();
            if (!command.StartsWith("scripts/dynamo query ", StringComparison.Ordinal)) continue;
            yield return new Example(command, match.Groups["rows"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    /// <summary>Words as a POSIX shell splits the page's lines: 'single quoted' or bare.</summary>
    private static string[] ShellWords(string command) =>
        [.. ShellWord().Matches(command).Select(m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["bare"].Value)];

    [GeneratedRegex("```sh\\n(?<command>.*?)```\\n```jsonl\\n(?<rows>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExamplePair();

    [GeneratedRegex("'(?<quoted>[^']*)'|(?<bare>[^\\s']+)")]
    private static partial Regex ShellWord();
}
