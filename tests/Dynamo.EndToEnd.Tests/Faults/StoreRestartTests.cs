using System.Diagnostics;

namespace Dynamo.EndToEnd.Tests.Faults;

/// <summary>DynamoDB Local killed in the middle of a load: the stack starts it again, the client resends, nothing is lost.</summary>
[Collection(FaultScenarios.Name)]
public sealed class StoreRestartTests
{
    [Fact]
    public async Task Rows_sent_while_DynamoDB_Local_is_killed_and_started_again_are_all_stored_once()
    {
        await using var stack = await FaultStack.StartAsync(new Dictionary<string, string>(), persistent: true);
        var killed = 0;

        var report = await FaultLoads.RunAsync(stack, FaultLoads.Steady(stack, rate: 3, TimeSpan.FromSeconds(6), rows: 20), async stop =>
        {
            await stack.IngestRunningAsync(stop);
            await Task.Delay(TimeSpan.FromSeconds(1), stop);
            killed = stack.Stack.Store.ProcessId;
            Process.GetProcessById(killed).Kill();
        });

        FaultLoads.AssertEveryRowStoredOnce(report);
        Assert.Equal(1, stack.Stack.Store.Restarts);
        Assert.NotEqual(killed, stack.Stack.Store.ProcessId);
        // While the store was down, requests that reached the function were answered 503 (nothing stored, store
        // unavailable), never 500, and never a row called stored that was not (the read-back above).
        Assert.True(FaultLoads.Count(report, "503") > 0, $"no 503 while the store was down: {string.Join(", ", report.Status)}");
        Assert.Equal(0, FaultLoads.Count(report, "500"));
        Assert.Contains($"DynamoDB Local (pid {killed}) ended (signal: killed)", stack.Console, StringComparison.Ordinal);
    }
}
