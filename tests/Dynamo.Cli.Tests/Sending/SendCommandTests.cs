using System.Text.Json;
using Dynamo.Cli.Commands;

namespace Dynamo.Cli.Tests.Sending;

public sealed class SendCommandTests : IAsyncLifetime, IDisposable
{
    private readonly WorkFolder work = new();
    private FakeApi api = null!;

    public async Task InitializeAsync() => api = await FakeApi.StartAsync();

    public async Task DisposeAsync() => await api.DisposeAsync();

    public void Dispose() => work.Dispose();

    private static string JsonOrder(string id) =>
        $$"""{"orderId":"{{id}}","customer":"c","amount":1,"status":"new","createdAt":"2026-01-01T00:00:00Z"}""";

    [Fact]
    public async Task Every_row_stored_exits_0_with_a_one_line_summary_and_leaves_no_checkpoint_or_rejects()
    {
        var file = work.OrdersCsv(25);

        var run = await SendRun.RunAsync(file, api.Url, "--batch", "10");

        Assert.Equal(ExitCodes.Success, run.Code);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"o-{i}").Order(), api.StoredIds.Order());
        Assert.Equal([10, 10, 5], api.Received.Select(r => r.Count).Order().Reverse());
        var summary = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("orders.csv -> orders: 25 rows, 25 stored, 0 invalid, 0 duplicate in ", summary, StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".checkpoint.json"));
        Assert.False(File.Exists(file + ".rejects.jsonl"));
    }

    [Fact]
    public async Task Rows_the_schema_rejects_go_to_the_rejects_file_with_their_line_and_errors_and_exit_3()
    {
        // Line 4 (row 2) has an amount that is not a number; line 6 is a record with a missing field.
        var file = work.Write("orders.csv", string.Join("\n",
            WorkFolder.OrdersHeader, WorkFolder.Order(0), WorkFolder.Order(1), WorkFolder.Order(2, amount: "12 apples"),
            WorkFolder.Order(3), "o-4,c-4,1.5,EUR,paid", WorkFolder.Order(5)) + "\n");

        var run = await SendRun.RunAsync(file, api.Url);

        Assert.Equal(ExitCodes.SomeRowsRejected, run.Code);
        Assert.Equal(["o-0", "o-1", "o-3", "o-5"], api.StoredIds.Order());
        var rejects = WorkFolder.Lines(file + ".rejects.jsonl");
        Assert.Equal([4L, 6], rejects.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Equal("12 apples", rejects[0].GetProperty("row").GetProperty("amount").GetString());
        Assert.Equal("amount: expected number", rejects[0].GetProperty("errors")[0].GetString());
        Assert.Equal("o-4,c-4,1.5,EUR,paid", rejects[1].GetProperty("row").GetString());
        Assert.Contains("5 fields; the header has 6", rejects[1].GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("2 invalid", run.Output, StringComparison.Ordinal);
        Assert.Equal(["o-2"], api.SentIds.Where(id => id == "o-2"));
    }

    [Fact]
    public async Task Stale_rows_are_settled_not_rejected_and_exit_0()
    {
        var file = work.OrdersCsv(10);
        api.StaleIds.UnionWith(["o-2", "o-7"]);

        var run = await SendRun.RunAsync(file, api.Url, "--batch", "4");

        Assert.Equal(ExitCodes.Success, run.Code);
        var summary = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("orders.csv -> orders: 10 rows, 8 stored, 0 invalid, 0 duplicate, 2 stale, 0 conflicts in ", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("rejects", summary, StringComparison.Ordinal);
        Assert.Equal(10, api.SentIds.Count);
        Assert.False(File.Exists(file + ".rejects.jsonl"));
        Assert.False(File.Exists(file + ".checkpoint.json"));
    }

    [Fact]
    public async Task Conflict_rows_go_to_the_rejects_file_with_the_stored_hash_and_exit_3()
    {
        var hash = new string('a', 64);
        var file = work.OrdersCsv(6, i => WorkFolder.Order(i, amount: i == 4 ? "x" : "12.5"));
        api.ConflictingIds["o-1"] = hash;

        var run = await SendRun.RunAsync(file, api.Url);

        Assert.Equal(ExitCodes.SomeRowsRejected, run.Code);
        var rejects = WorkFolder.Lines(file + ".rejects.jsonl");
        Assert.Equal([3L, 6], rejects.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Equal("o-1", rejects[0].GetProperty("row").GetProperty("orderId").GetString());
        Assert.Equal($"conflict: the table holds this version with other content, stored hash {hash}", rejects[0].GetProperty("errors")[0].GetString());
        Assert.Equal("amount: expected number", rejects[1].GetProperty("errors")[0].GetString());
        Assert.Contains("4 stored, 1 invalid, 0 duplicate, 0 stale, 1 conflict in ", run.Output, StringComparison.Ordinal);
        Assert.Contains("invalid and conflict rows are in ", run.Output, StringComparison.Ordinal);
        Assert.Equal(["o-1"], api.SentIds.Where(id => id == "o-1"));
    }

    [Fact]
    public async Task A_resumed_send_keeps_the_earlier_runs_conflicts_listed_once_and_still_exits_3()
    {
        // Row o-3 conflicts in the first three requests; then the store is down until the budget runs out.
        var file = work.OrdersCsv(50);
        api.ConflictingIds["o-3"] = new string('b', 64);
        api.Script = (number, _) => number <= 3 ? Reply.AsTheFunction : Reply.Unavailable;

        var first = await SendRun.RunAsync(file, api.Url, "--batch", "10", "--concurrency", "1", "--budget", "2s");

        Assert.Equal(ExitCodes.Failure, first.Code);
        var checkpoint = JsonDocument.Parse(File.ReadAllText(file + ".checkpoint.json")).RootElement;
        Assert.Equal((30L, 0L, 1L), (checkpoint.GetProperty("settledRows").GetInt64(), checkpoint.GetProperty("invalidRows").GetInt64(),
            checkpoint.GetProperty("conflictRows").GetInt64()));

        api.Script = (_, _) => Reply.AsTheFunction;
        var second = await SendRun.RunAsync(file, api.Url, "--batch", "10", "--concurrency", "1");

        Assert.Equal(ExitCodes.SomeRowsRejected, second.Code);
        Assert.Contains("; conflict rows are in ", second.Output, StringComparison.Ordinal);
        Assert.Equal([5L], WorkFolder.Lines(file + ".rejects.jsonl").Select(r => r.GetProperty("line").GetInt64()));
    }

    [Fact]
    public async Task Rejects_go_where_rejects_says_as_readable_text_and_nothing_lands_beside_the_input()
    {
        var file = work.Write("orders.csv", string.Join("\n",
            WorkFolder.OrdersHeader, WorkFolder.Order(0), "o-1,\"A&B <x>\",-1,EUR,paid,2026-03-14T15:09:26Z") + "\n");
        var elsewhere = Directory.CreateDirectory(Path.Combine(work.Path, "out")).FullName;
        var rejects = Path.Combine(elsewhere, "bad.jsonl");

        var run = await SendRun.RunAsync(file, api.Url, "--rejects", rejects);

        Assert.Equal(ExitCodes.SomeRowsRejected, run.Code);
        Assert.False(File.Exists(file + ".rejects.jsonl"));
        var line = Assert.Single(File.ReadAllLines(rejects));
        Assert.Contains("\"customer\":\"A&B <x>\"", line, StringComparison.Ordinal);
        Assert.Contains("amount: expected >= 0", line, StringComparison.Ordinal);
        Assert.Contains(rejects, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejects_file_in_a_folder_that_does_not_exist_exits_2_before_sending()
    {
        var file = work.OrdersCsv(3);

        var run = await SendRun.RunAsync(file, api.Url, "--rejects", Path.Combine(work.Path, "missing", "bad.jsonl"));

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.Contains("There is no folder", run.Error, StringComparison.Ordinal);
        Assert.Empty(api.Received);
    }

    [Fact]
    public async Task An_interrupted_send_resumes_without_resending_the_rows_it_stored()
    {
        // The first three requests are stored, then the store is down until the 2 s budget runs out.
        var file = work.OrdersCsv(100, i => WorkFolder.Order(i, amount: i == 5 ? "-1" : "12.5"));
        api.Script = (number, _) => number <= 3 ? Reply.AsTheFunction : Reply.Unavailable;

        var first = await SendRun.RunAsync(file, api.Url, "--batch", "10", "--concurrency", "1", "--budget", "2s");

        Assert.Equal(ExitCodes.Failure, first.Code);
        Assert.Contains("run the same command again to resume", first.Output, StringComparison.Ordinal);
        var checkpoint = JsonDocument.Parse(File.ReadAllText(file + ".checkpoint.json")).RootElement;
        Assert.Equal(30, checkpoint.GetProperty("settledRows").GetInt64());
        var storedFirst = api.StoredIds;

        api.Script = (_, _) => Reply.AsTheFunction;
        var sentBefore = api.Received.Count;
        var second = await SendRun.RunAsync(file, api.Url, "--batch", "10", "--concurrency", "1");

        Assert.Equal(ExitCodes.SomeRowsRejected, second.Code);
        Assert.Contains("resuming", second.Error, StringComparison.Ordinal);
        var resent = api.Received.Skip(sentBefore).SelectMany(r => r).Select(r => r.GetProperty("orderId").GetString()).ToList();
        Assert.Equal(Enumerable.Range(30, 70).Select(i => $"o-{i}"), resent);
        Assert.Equal(99, api.StoredIds.Distinct().Count());
        Assert.Equal(99, api.StoredIds.Count);
        Assert.Equal(29, storedFirst.Count);
        // The row rejected by the first run is still listed, once.
        Assert.Equal([7L], WorkFolder.Lines(file + ".rejects.jsonl").Select(r => r.GetProperty("line").GetInt64()));
        Assert.False(File.Exists(file + ".checkpoint.json"));
    }

    [Fact]
    public async Task The_checkpoint_never_claims_a_row_left_unstored_however_many_later_rows_are_stored()
    {
        var file = work.OrdersCsv(60);
        api.NeverStored.Add("o-12");

        var run = await SendRun.RunAsync(file, api.Url, "--batch", "5", "--concurrency", "3", "--budget", "2s");

        Assert.Equal(ExitCodes.Failure, run.Code);
        Assert.Equal(59, api.StoredIds.Count);
        var checkpoint = JsonDocument.Parse(File.ReadAllText(file + ".checkpoint.json")).RootElement;
        Assert.Equal(12, checkpoint.GetProperty("settledRows").GetInt64());
        Assert.Contains("1 unstored", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_C_stops_cleanly_keeps_the_checkpoint_and_exits_130()
    {
        var file = work.OrdersCsv(50);
        using var interrupt = new CancellationTokenSource();
        api.Script = (number, _) =>
        {
            if (number == 3)
                interrupt.Cancel();
            return number < 3 ? Reply.AsTheFunction : Reply.Unavailable;
        };

        var run = await SendRun.RunAsync(interrupt.Token, "send", file, "--dataset", "orders", "--url", api.Url.ToString(), "--batch", "10", "--concurrency", "1");

        Assert.Equal(ExitCodes.Interrupted, run.Code);
        Assert.Contains("interrupted", run.Output, StringComparison.Ordinal);
        var checkpoint = JsonDocument.Parse(File.ReadAllText(file + ".checkpoint.json")).RootElement;
        Assert.Equal(20, checkpoint.GetProperty("settledRows").GetInt64());
    }

    [Fact]
    public async Task A_changed_file_is_sent_from_the_first_row()
    {
        var file = work.OrdersCsv(30);
        api.Script = (number, _) => number <= 1 ? Reply.AsTheFunction : Reply.Unavailable;
        await SendRun.RunAsync(file, api.Url, "--batch", "10", "--concurrency", "1", "--budget", "1s");
        File.AppendAllText(file, WorkFolder.Order(30) + "\n");
        api.Script = (_, _) => Reply.AsTheFunction;
        var sentBefore = api.Received.Count;

        var run = await SendRun.RunAsync(file, api.Url, "--batch", "10", "--concurrency", "1");

        Assert.Equal(ExitCodes.Success, run.Code);
        Assert.Contains("ignoring", run.Error, StringComparison.Ordinal);
        Assert.Equal(31, api.Received.Skip(sentBefore).Sum(r => r.Count));
    }

    [Fact]
    public async Task JSON_Lines_and_a_JSON_array_are_sent_with_unreadable_lines_rejected()
    {
        var jsonl = work.Write("orders.jsonl", "\uFEFF" + JsonOrder("j-0") + "\n\n" + "{not json\n" + JsonOrder("j-1") + "\n");
        var json = work.Write("orders.json", "[" + JsonOrder("j-2") + ",\n " + JsonOrder("j-3") + ", 42]");

        var lines = await SendRun.RunAsync(jsonl, api.Url);
        var array = await SendRun.RunAsync(json, api.Url);

        Assert.Equal((ExitCodes.SomeRowsRejected, ExitCodes.SomeRowsRejected), (lines.Code, array.Code));
        Assert.Equal(["j-0", "j-1", "j-2", "j-3"], api.StoredIds.Order());
        var lineReject = Assert.Single(WorkFolder.Lines(jsonl + ".rejects.jsonl"));
        Assert.Equal((3L, "{not json"), (lineReject.GetProperty("line").GetInt64(), lineReject.GetProperty("row").GetString()));
        var arrayReject = Assert.Single(WorkFolder.Lines(json + ".rejects.jsonl"));
        Assert.Equal(3L, arrayReject.GetProperty("line").GetInt64());
        Assert.Contains("JSON object", arrayReject.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSON_file_that_breaks_off_sends_the_rows_read_before_and_exits_1_with_one_line()
    {
        // Large enough to be read in several buffers: the rows of those before the break are sent.
        var rows = string.Join(",\n", Enumerable.Range(0, 3000).Select(i => JsonOrder($"b-{i}")));
        var json = work.Write("orders.json", "[" + rows + ", {\"orderId\": ");

        var run = await SendRun.RunAsync(json, api.Url, "--batch", "100");

        Assert.Equal(ExitCodes.Failure, run.Code);
        Assert.Equal(3000, api.StoredIds.Count);
        Assert.Equal(api.StoredIds.Count, api.StoredIds.Distinct().Count());
        Assert.StartsWith("dynamo: orders.json is not a JSON array of rows", Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.csv", "--dataset", "orders", "There is no file")]
    [InlineData("orders.txt", "--dataset", "orders", "pass --format")]
    [InlineData("orders.csv", "--dataset", "nope", "no dataset 'nope'; it has: inventory, orders, readings")]
    [InlineData("orders.csv", "--batch", "5001", "--batch takes")]
    public async Task Usage_mistakes_exit_2_with_one_line(string name, string option, string value, string message)
    {
        work.OrdersCsv(1);
        work.Write("orders.txt", "x");
        string[] args = option == "--dataset"
            ? ["send", Path.Combine(work.Path, name), "--dataset", value, "--url", api.Url.ToString()]
            : ["send", Path.Combine(work.Path, name), "--dataset", "orders", "--url", api.Url.ToString(), option, value];

        var run = await SendRun.RunAsync(CancellationToken.None, args);

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.Contains(message, Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Empty(api.Received);
    }

    [Fact]
    public async Task A_CSV_header_that_names_a_column_twice_exits_2_and_leaves_no_files()
    {
        var file = work.Write("orders.csv", "orderId,amount,orderId\nA,1,B\n");

        var run = await SendRun.RunAsync(file, api.Url);

        Assert.Equal(ExitCodes.Usage, run.Code);
        Assert.Contains("'orderId' twice", run.Error, StringComparison.Ordinal);
        Assert.Equal(["orders.csv"], Directory.GetFiles(work.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_API_that_does_not_answer_is_one_line_and_exit_1()
    {
        var file = work.OrdersCsv(1);
        await api.DisposeAsync();

        var run = await SendRun.RunAsync(file, api.Url);

        Assert.Equal(ExitCodes.Failure, run.Code);
        Assert.StartsWith("dynamo: Nothing answers at ", Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
