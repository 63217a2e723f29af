using System.Text;
using System.Text.Json;
using Dynamo.Local;

namespace Dynamo.EndToEnd.Tests.Console;

/// <summary>
/// A stack with its console served on a free port, a stage bucket of 5 at 5 per second (a burst of requests meets
/// its 429s), and a folder of its own for load reports. Its console output is kept: the access log is what the
/// console's numbers are held against.
/// </summary>
public sealed class ConsoleStackFixture : IAsyncLifetime, IDisposable
{
    public const int StageLimit = 5;
    private readonly StringWriter _console = new(new StringBuilder());

    public LocalStack Stack { get; private set; } = null!;
    public DirectoryInfo Reports { get; } = Directory.CreateTempSubdirectory("dynamo-console-reports-");
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };
    public Uri Console => Stack.WebConsole!.Page;

    public async Task InitializeAsync()
    {
        var limit = StageLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Stack = await LocalStack.StartAsync(LocalStackFixture.Options(TextWriter.Synchronized(_console)) with
        {
            Parameters = new Dictionary<string, string> { ["ThrottlingRateLimit"] = limit, ["ThrottlingBurstLimit"] = limit },
            ConsolePort = 0,
            ReportsDirectory = Reports.FullName,
        });
        Http.BaseAddress = new Uri(Stack.Endpoints.Api + "/");
    }

    /// <summary>The access-log lines the stack printed so far, parsed.</summary>
    public IReadOnlyList<JsonElement> AccessLog()
    {
        string text;
        lock (_console) text = _console.ToString();
        return [.. text.Split('\n')
            .Where(line => line.StartsWith("{\"requestId\"", StringComparison.Ordinal))
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    /// <summary>Waits until the access log stops growing: each request's line is written just after its answer is sent.</summary>
    public async Task<IReadOnlyList<JsonElement>> SettledAccessLogAsync(int atLeast)
    {
        var lines = AccessLog();
        for (var i = 0; i < 100; i++)
        {
            await Task.Delay(200);
            var now = AccessLog();
            if (now.Count == lines.Count && now.Count >= atLeast) return now;
            lines = now;
        }
        return lines;
    }

    public async Task DisposeAsync()
    {
        await Stack.DisposeAsync();
        Reports.Delete(recursive: true);
    }

    public void Dispose()
    {
        Http.Dispose();
        _console.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleStackTests : ICollectionFixture<ConsoleStackFixture>
{
    public const string Name = "console stack";
}
