using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Cli.Commands;
using Dynamo.Core.Rows;
using Dynamo.Local.Store;
using Dynamo.Testing;

namespace Dynamo.Cli.Tests.Querying;

public sealed class QueryCommandTests(DynamoDbLocalFixture local) : IClassFixture<DynamoDbLocalFixture>
{
    private static readonly string[] Orders =
    [
        """{"orderId":"o-1","customer":"ada","amount":12.5,"shipping":{"city":"Lyon","tags":["gift"]}}""",
        """{"status":"new","orderId":"o-2","amount":3,"note":"comma, \"quote\"\nnewline","gift":true}""",
        """{"orderId":"o-3","customer":null,"amount":1e2}""",
    ];

    private string Endpoint => local.Endpoint.ToString();

    [Fact]
    public async Task Csv_has_the_key_first_and_every_column_with_nested_values_as_json()
    {
        var table = await OrdersAsync();

        var run = await Query($"SELECT * FROM \"{table}\" WHERE orderId IN ['o-1', 'o-2', 'o-3']", "--format", "csv");

        Assert.Equal(ExitCodes.Success, run.Code);
        var lines = run.Output.Split("\r\n");
        var header = lines[0].Split(',');
        Assert.Equal(["orderId", "amount", "customer", "gift", "note", "shipping", "status"], header);
        var rows = ReadCsv(run.Output, header);
        Assert.Equal(3, rows.Count);
        Assert.Equal("{\"city\":\"Lyon\",\"tags\":[\"gift\"]}", rows["o-1"]["shipping"]);
        Assert.Equal("comma, \"quote\"\nnewline", rows["o-2"]["note"]);
        Assert.Equal("true", rows["o-2"]["gift"]);
        Assert.Equal("100", rows["o-3"]["amount"]);
        Assert.Equal("", rows["o-3"]["customer"]);
        Assert.Equal("", rows["o-3"]["note"]);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("table")]
    [InlineData("jsonl")]
    [InlineData("json")]
    public async Task Columns_come_in_the_select_lists_order_in_every_format(string format)
    {
        var table = await OrdersAsync();

        var run = await Query($"SELECT customer, orderId, amount FROM \"{table}\" WHERE orderId = 'o-1'", "--format", format);

        var expected = format switch
        {
            "csv" => "customer,orderId,amount\r\nada,o-1,12.5\r\n",
            "table" => "customer | orderId | amount\n---------+---------+-------\nada      | o-1     |   12.5\n(1 row)\n",
            "jsonl" => "{\"customer\":\"ada\",\"orderId\":\"o-1\",\"amount\":12.5}\n",
            _ => "[\n{\"customer\":\"ada\",\"orderId\":\"o-1\",\"amount\":12.5}\n]\n",
        };
        Assert.Equal(expected, run.Output);
    }

    [Fact]
    public async Task A_table_right_aligns_a_column_of_numbers_and_left_aligns_the_others()
    {
        var table = await OrdersAsync();

        var run = await Query($"SELECT orderId, amount, customer FROM \"{table}\" WHERE orderId IN ['o-1', 'o-2', 'o-3']", "--format", "table");

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("orderId | amount | customer", lines[0]);
        Assert.Contains("o-1     |   12.5 | ada", lines);
        Assert.Contains("o-2     |      3 |", lines);
        Assert.Contains("o-3     |    100 | null", lines);
    }

    [Fact]
    public async Task Output_that_is_not_a_terminal_is_csv_by_default()
    {
        var table = await OrdersAsync();

        var run = await Query($"SELECT orderId FROM \"{table}\" WHERE orderId = 'o-1'");

        Assert.Equal("orderId\r\no-1\r\n", run.Output);
    }

    [Fact]
    public async Task Json_is_one_array_of_rows_with_plain_values()
    {
        var table = await OrdersAsync();

        var run = await Query($"SELECT * FROM \"{table}\" WHERE orderId IN ['o-1', 'o-2']", "--format", "json");

        var rows = JsonNode.Parse(run.Output)!.AsArray();
        Assert.Equal(2, rows.Count);
        var first = rows.Single(r => (string?)r!["orderId"] == "o-1")!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Orders[0]), first));
        Assert.Contains("comma, \\\"quote\\\"", run.Output, StringComparison.Ordinal); // \", not \u0022
    }

    [Fact]
    public async Task Json_of_no_rows_is_an_empty_array()
    {
        var table = await OrdersAsync();

        var run = await Query($"SELECT * FROM \"{table}\" WHERE orderId = 'none'", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.Code);
        Assert.Empty(JsonNode.Parse(run.Output)!.AsArray());
    }

    [Fact]
    public async Task Jsonl_is_one_plain_object_a_line()
    {
        var table = await OrdersAsync();

        var run = await Query($"SELECT * FROM \"{table}\" WHERE orderId IN ['o-1', 'o-2', 'o-3']", "--format", "jsonl");

        Assert.Equal(3, run.Rows.Count);
        foreach (var expected in Orders.Select(o => JsonNode.Parse(o)!))
            Assert.Contains(run.Rows, row => JsonNode.DeepEquals(expected, row));
    }

    [Fact]
    public async Task Table_aligns_columns_key_first_and_counts_the_rows()
    {
        var table = await OrdersAsync();

        var run = await Query($"SELECT orderId, amount, shipping FROM \"{table}\" WHERE orderId IN ['o-1', 'o-3']", "--format", "table");

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("orderId | ", lines[0], StringComparison.Ordinal);
        Assert.Matches("^-+-\\+-", lines[1]);
        var separator = lines[0].IndexOf('|', StringComparison.Ordinal);
        Assert.All(lines[2..4], line => Assert.Equal(separator, line.IndexOf('|', StringComparison.Ordinal)));
        Assert.Contains(lines, line => line.StartsWith("o-1", StringComparison.Ordinal) && line.Contains("{\"city\":\"Lyon\",\"tags\":[\"gift\"]}", StringComparison.Ordinal));
        Assert.Equal("(2 rows)", lines[^1]);
    }

    [Theory]
    [InlineData("n = ?", "42", "number")]
    [InlineData("n = ?", "n:42", "number")]
    [InlineData("s = ?", "s:42", "string 42")]
    [InlineData("s = ?", "text", "string text")]
    [InlineData("b = ?", "true", "true")]
    [InlineData("b = ?", "b:false", "false")]
    [InlineData("z = ?", "null", "null")]
    public async Task A_parameter_of_each_type_matches_only_attributes_of_that_type(string condition, string parameter, string expected)
    {
        var table = await QueryTables.CreateAsync(local.CreateClient(), "types", "id");
        await QueryTables.PutAsync(local.CreateClient(), table,
        [
            """{"id":"number","n":42,"s":"x"}""",
            """{"id":"string 42","n":"42","s":"42"}""",
            """{"id":"string text","s":"text"}""",
            """{"id":"true","b":true}""",
            """{"id":"false","b":false}""",
            """{"id":"null","z":null}""",
        ]);

        var run = await Query($"SELECT id FROM \"{table}\" WHERE {condition}", "--param", parameter, "--format", "jsonl");

        Assert.Equal(ExitCodes.Success, run.Code);
        Assert.Equal(expected, (string?)Assert.Single(run.Rows)["id"]);
    }

    [Fact]
    public async Task More_than_a_megabyte_of_results_comes_back_whole_across_pages()
    {
        var dynamo = local.CreateClient();
        var table = await QueryTables.CreateAsync(dynamo, "readings", "deviceId", "ts");
        var filler = new string('x', 1_000);
        await QueryTables.PutAsync(dynamo, table,
            Enumerable.Range(0, 1_500).Select(i => $$"""{"deviceId":"dev-1","ts":"{{i:D5}}","note":"{{filler}}"}"""));
        var statement = $"SELECT * FROM \"{table}\" WHERE deviceId = ?";
        // DynamoDB answers at most 1 MB a call: 1,500 items of ~1 KB need at least two.
        var firstPage = await dynamo.ExecuteStatementAsync(new ExecuteStatementRequest { Statement = statement, Parameters = [new AttributeValue { S = "dev-1" }] });
        Assert.NotNull(firstPage.NextToken);
        Assert.True(firstPage.Items.Count < 1_500);

        var run = await Query(statement, "--param", "dev-1", "--format", "jsonl");

        Assert.Equal(ExitCodes.Success, run.Code);
        Assert.Equal(Enumerable.Range(0, 1_500).Select(i => i.ToString("D5", null)), run.Rows.Select(r => (string)r["ts"]!));

        var limited = await Query(statement, "--param", "dev-1", "--format", "jsonl", "--limit", "1200");
        Assert.Equal(Enumerable.Range(0, 1_200).Select(i => i.ToString("D5", null)), limited.Rows.Select(r => (string)r["ts"]!));
    }

    [Fact]
    public async Task A_statement_without_its_partition_key_is_warned_of_on_stderr_naming_the_key()
    {
        var table = await OrdersAsync();

        var scan = await Query($"SELECT * FROM \"{table}\" WHERE amount > 10", "--format", "jsonl");
        var lookup = await Query($"SELECT * FROM \"{table}\" WHERE orderId = ? AND amount > 10", "--param", "o-1", "--format", "jsonl");

        Assert.Equal(ExitCodes.Success, scan.Code);
        Assert.Equal(2, scan.Rows.Count);
        var warning = Assert.Single(scan.ErrorLines);
        Assert.StartsWith("dynamo: warning: full table scan", warning, StringComparison.Ordinal);
        Assert.Contains($"orderId, the partition key of table {table}", warning, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, lookup.Code);
        Assert.Single(lookup.Rows);
        Assert.Equal("", lookup.Error);
    }

    [Theory]
    [InlineData("DELETE FROM \"{0}\" WHERE orderId = 'o-1'")]
    [InlineData("/* read */ UPDATE \"{0}\" SET amount = 0 WHERE orderId = 'o-1'")]
    [InlineData("-- x\ndelete from \"{0}\" where orderId = 'o-1'")]
    [InlineData("SELECT * FROM \"{0}\"; DELETE FROM \"{0}\" WHERE orderId = 'o-1'")]
    [InlineData("INSERT INTO \"{0}\" VALUE {{'orderId': 'o-9'}}")]
    public async Task A_write_exits_2_with_one_line_and_changes_nothing(string template)
    {
        var table = await OrdersAsync();

        var run = await Query(string.Format(null, template, table));

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.StartsWith("dynamo: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("", run.Output);
        var after = await Query($"SELECT * FROM \"{table}\" WHERE orderId IN ['o-1', 'o-2', 'o-3', 'o-9']", "--format", "jsonl");
        Assert.Equal(3, after.Rows.Count);
        Assert.Contains(after.Rows, r => (decimal)r["amount"]! == 12.5m);
    }

    [Fact]
    public async Task A_placeholder_without_its_parameter_is_a_usage_error()
    {
        var run = await Query("SELECT * FROM \"orders\" WHERE orderId = ? AND amount > ?", "--param", "o-1");

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.Contains("2 ?s and 1 --param", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_table_is_one_line_listing_the_known_tables()
    {
        var known = await OrdersAsync();

        var run = await Query("SELECT * FROM \"no-such-table\" WHERE orderId = 'o-1'");

        Assert.Equal(ExitCodes.Failure, run.Code);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("dynamo: No table named 'no-such-table' at http://", line, StringComparison.Ordinal);
        Assert.Contains(known, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_syntax_error_is_one_line_with_dynamodbs_message()
    {
        var table = await OrdersAsync();

        var run = await Query($"SELECT * FROM \"{table}\" WHERE orderId = = 'o-1'");

        Assert.Equal(ExitCodes.Failure, run.Code);
        Assert.Contains(run.ErrorLines, l => l.StartsWith("dynamo: DynamoDB refused the statement: Statement wasn't well formed", StringComparison.Ordinal));
        Assert.DoesNotContain(" at Dynamo", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_endpoint_says_to_start_the_local_stack()
    {
        var run = await QueryRun.RunAsync("SELECT * FROM \"orders\" WHERE orderId = 'o-1'", "--endpoint", $"http://127.0.0.1:{FreePort.Next()}");

        Assert.Equal(ExitCodes.Failure, run.Code);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("Nothing answers at http://127.0.0.1:", line, StringComparison.Ordinal);
        Assert.Contains("scripts/dynamo local", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_to_a_file_reports_the_count_and_leaves_no_partial_file_on_failure()
    {
        var table = await OrdersAsync();
        var directory = Directory.CreateTempSubdirectory("dynamo-query-");
        try
        {
            var path = Path.Combine(directory.FullName, "orders.jsonl");
            var run = await Query($"SELECT * FROM \"{table}\" WHERE orderId IN ['o-1', 'o-2']", "--format", "jsonl", "--output", path);

            Assert.Equal(ExitCodes.Success, run.Code);
            Assert.Equal("", run.Output);
            Assert.Equal(2, File.ReadAllLines(path).Length);
            // Progress lines may come first on a slow machine; the count comes last.
            Assert.Equal($"dynamo: 2 rows written to {path}", run.ErrorLines[^1]);

            var failed = await Query($"SELECT * FROM \"{table}\" WHERE orderId = = 'x'", "--output", Path.Combine(directory.FullName, "bad.csv"));
            Assert.Equal(ExitCodes.Failure, failed.Code);
            Assert.Equal(["orders.jsonl"], directory.GetFiles().Select(f => f.Name));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Results_equal_the_aws_clis_for_the_same_statement()
    {
        var dynamo = local.CreateClient();
        var table = await QueryTables.CreateAsync(dynamo, "readings", "deviceId", "ts");
        await QueryTables.PutAsync(dynamo, table, Enumerable.Range(0, 300).Select(i =>
            $$"""{"deviceId":"dev-{{i % 3}}","ts":"2025-03-01T{{i / 60:D2}}:{{i % 60:D2}}:00Z","temperature":{{i * 0.25m - 10}},"ok":{{(i % 2 == 0 ? "true" : "false")}},"site":{"rack":{{i % 7}},"tags":["a",{{i}},null]},"pad":"{{new string('p', i * 10)}}"}"""));
        var statement = $"SELECT * FROM \"{table}\" WHERE deviceId IN ['dev-0', 'dev-2'] AND temperature > 0";

        var ours = await Query(statement, "--format", "jsonl");
        var theirs = await AwsCliRowsAsync(statement);

        Assert.Equal(ExitCodes.Success, ours.Code);
        Assert.True(theirs.Count > 100);
        Assert.Equal(theirs.Count, ours.Rows.Count);
        for (var i = 0; i < theirs.Count; i++)
            Assert.True(JsonNode.DeepEquals(theirs[i], ours.Rows[i]), $"row {i}: {theirs[i].ToJsonString()} != {ours.Rows[i].ToJsonString()}");
    }

    /// <summary>`aws dynamodb execute-statement`, every page, its DynamoDB JSON made plain by the same <see cref="ItemJson"/>.</summary>
    private async Task<List<JsonNode>> AwsCliRowsAsync(string statement)
    {
        var rows = new List<JsonNode>();
        string? nextToken = null;
        do
        {
            var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "dynamodb", "execute-statement", "--endpoint-url", Endpoint, "--statement", statement, "--output", "json" })
                start.ArgumentList.Add(arg);
            if (nextToken is not null)
            {
                start.ArgumentList.Add("--next-token");
                start.ArgumentList.Add(nextToken);
            }
            start.Environment["AWS_ACCESS_KEY_ID"] = "dummy";
            start.Environment["AWS_SECRET_ACCESS_KEY"] = "dummy";
            start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
            using var aws = Process.Start(start)!;
            var stdout = aws.StandardOutput.ReadToEndAsync();
            var stderr = aws.StandardError.ReadToEndAsync();
            await aws.WaitForExitAsync();
            Assert.True(aws.ExitCode == 0, await stderr);
            using var page = JsonDocument.Parse(await stdout);
            foreach (var item in page.RootElement.GetProperty("Items").EnumerateArray())
                rows.Add(JsonNode.Parse(ItemJson.ToJson(QueryTables.FromDynamoDbJson(item)))!);
            nextToken = page.RootElement.TryGetProperty("NextToken", out var token) ? token.GetString() : null;
        } while (nextToken is not null);
        return rows;
    }

    [Fact]
    public async Task An_export_over_many_pages_to_a_csv_file_holds_exactly_the_tables_rows()
    {
        // Readings of about 200 bytes: 6,000 fill two of DynamoDB's 1 MB pages; a long run (TestVolume) exports
        // the 100,000 of docs/performance.md.
        var count = TestVolume.Of(6000, 100_000);
        var dynamo = local.CreateClient();
        var table = await QueryTables.CreateAsync(dynamo, "readings", "deviceId", "ts");
        var rows = Enumerable.Range(0, count).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $$"""{"deviceId":"d-{{i % 50}}","ts":"2026-03-14T15:{{i / 3600 % 60:00}}:{{i / 60 % 60:00}}.{{i:000000}}Z","temperature":{{i % 400 / 10.0}},"note":"{{new string('n', 120)}}"}""")).ToList();
        await Parallel.ForEachAsync(rows.Chunk(500), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (chunk, _) => await QueryTables.PutAsync(dynamo, table, chunk));
        var directory = Directory.CreateTempSubdirectory("dynamo-export-");
        try
        {
            var path = Path.Combine(directory.FullName, "readings.csv");
            var run = await Query($"SELECT deviceId, ts, temperature, note FROM \"{table}\"", "--output", path);

            Assert.Equal(ExitCodes.Success, run.Code);
            Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"dynamo: {count:N0} rows written to {path}"), run.ErrorLines[^1]);
            var csv = File.ReadAllText(path);
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(count + 1, lines.Length);
            var expected = rows.Select(r => QueryTables.Item(r)).Select(i => $"{i["deviceId"].S},{i["ts"].S},{i["temperature"].N},{i["note"].S}").Order(StringComparer.Ordinal);
            Assert.Equal(expected, lines.Skip(1).Order(StringComparer.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private async Task<string> OrdersAsync()
    {
        var dynamo = local.CreateClient();
        var table = await QueryTables.CreateAsync(dynamo, "orders", "orderId");
        await QueryTables.PutAsync(dynamo, table, Orders);
        return table;
    }

    private Task<QueryRun> Query(params string[] args) => QueryRun.RunAsync([.. args, "--endpoint", Endpoint]);

    /// <summary>The CSV rows by orderId, each as column -> cell.</summary>
    private static Dictionary<string, Dictionary<string, string>> ReadCsv(string csv, string[] header)
    {
        var records = new List<List<string>> { new() };
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { records[^1].Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n') { records[^1].Add(cell.ToString()); cell.Clear(); records.Add([]); i++; }
            else cell.Append(c);
        }
        return records.Skip(1).Where(r => r.Count == header.Length)
            .ToDictionary(r => r[0], r => header.Zip(r).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal), StringComparer.Ordinal);
    }
}
