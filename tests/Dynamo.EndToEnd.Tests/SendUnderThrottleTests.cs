using Dynamo.Cli.Commands;
using Dynamo.Local;

namespace Dynamo.EndToEnd.Tests;

/// <summary>
/// `dynamo send` against a stack that pushes back: a stage throttle of 3 requests per second (burst 3) and tables
/// capped at 3,000 write units per second. Its own stack, since the parameters are the stack's.
/// </summary>
public sealed class SendUnderThrottleTests : IAsyncLifetime, IDisposable
{
    private readonly StringWriter console = new();
    private readonly string folder = Directory.CreateTempSubdirectory("dynamo-send-throttled-").FullName;
    private LocalStack stack = null!;

    public async Task InitializeAsync() => stack = await LocalStack.StartAsync(LocalStackFixture.Options(TextWriter.Synchronized(console)) with
    {
        Parameters = new Dictionary<string, string>
        {
            ["ThrottlingRateLimit"] = "3",
            ["ThrottlingBurstLimit"] = "3",
            ["MaxWriteRequestUnits"] = "3000",
        },
    });

    public async Task DisposeAsync() => await stack.DisposeAsync();

    public void Dispose()
    {
        console.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Twelve_thousand_rows_in_requests_of_1000_are_all_stored_once_despite_the_throttles()
    {
        var prefix = "throttled-" + Guid.NewGuid().ToString("N")[..8];
        var file = SendFiles.OrdersCsv(folder, prefix, 12_000);

        var run = await SendFiles.SendAsync(new Uri(stack.Endpoints.Api + "/"), file, "--batch", "1000");

        Assert.Equal(ExitCodes.Success, run.Code);
        Assert.Contains("12,000 rows, 12,000 stored, 0 invalid", run.Output, StringComparison.Ordinal);
        Assert.Equal(12_000, (await SendFiles.StoredAsync(stack, prefix)).Count);
    }
}
