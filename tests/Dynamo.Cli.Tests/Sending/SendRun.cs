using System.Text.Json;
using Dynamo.Cli.Commands;

namespace Dynamo.Cli.Tests.Sending;

/// <summary>`dynamo send ...` run in-process as the command line would, with what it printed.</summary>
public sealed record SendRun(int Code, string Output, string Error)
{
    public static async Task<SendRun> RunAsync(string file, Uri url, params string[] args) =>
        await RunAsync(CancellationToken.None, ["send", file, "--dataset", "orders", "--url", url.ToString(), .. args]);

    public static async Task<SendRun> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(), args, output, error, cancellationToken);
        return new SendRun(code, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder for one test's input, rejects and checkpoint files.</summary>
public sealed class WorkFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("dynamo-send-").FullName;

    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public static string Order(int i, string amount = "12.5") =>
        $"o-{i},c-{i % 7},{amount},EUR,paid,2026-03-14T15:09:26Z";

    public const string OrdersHeader = "orderId,customer,amount,currency,status,createdAt";

    public string OrdersCsv(int count, Func<int, string>? row = null) =>
        Write("orders.csv", OrdersHeader + "\n" + string.Join("\n", Enumerable.Range(0, count).Select(row ?? (i => Order(i)))) + "\n");

    public static IReadOnlyList<JsonElement> Lines(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
