using System.Diagnostics;
using Dynamo.Testing;

namespace Dynamo.EndToEnd.Tests.Faults;

/// <summary>DynamoDB Local killed in the middle of a load: the stack starts it again, the client resends, nothing is lost.</summary>
[Collection(FaultScenarios.Name)]
public sealed class StoreRestartTests
{
    [Fact]
    public async Task Rows_sent_while_DynamoDB_Local_is_killed_and_started_again_are_all_stored_once()
    {
        await using var stack = await FaultStack.StartAsync(new Dictionary<string, string>(), persistent: true);
        var kills = TestVolume.Of(1, 2);
        var killed = new List<int>();
        var load = TestVolume.IsLong
            ? FaultLoads.Steady(stack, rate: 4, TimeSpan.FromSeconds(30), rows: 100)
            : FaultLoads.Steady(stack, rate: 3, TimeSpan.FromSeconds(6), rows: 20);

        var report = await FaultLoads.RunAsync(stack, load, async stop =>
        {
            await stack.IngestRunningAsync(stop);
            while (killed.Count < kills)
            {
                // Each kill waits for the store to be back from the last one, then for rows to flow again.
                while (stack.Stack.Store.Restarts < killed.Count)
                    await Task.Delay(100, stop);
                await Task.Delay(TestVolume.Of(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8)), stop);
                killed.Add(stack.Stack.Store.ProcessId);
                Process.GetProcessById(killed[^1]).Kill();
            }
        });

        FaultLoads.AssertEveryRowStoredOnce(report);
        Assert.Equal(kills, stack.Stack.Store.Restarts);
        Assert.DoesNotContain(stack.Stack.Store.ProcessId, killed);
        // While the store was down, requests that reached the function were answered 503 (nothing stored, store
        // unavailable), never 500, and never a row called stored that was not (the read-back above).
        Assert.True(FaultLoads.Count(report, "503") > 0, $"no 503 while the store was down: {string.Join(", ", report.Status)}");
        Assert.Equal(0, FaultLoads.Count(report, "500"));
        Assert.All(killed, pid => Assert.Contains($"DynamoDB Local (pid {pid}) ended (signal: killed)", stack.Console, StringComparison.Ordinal));
    }
}
