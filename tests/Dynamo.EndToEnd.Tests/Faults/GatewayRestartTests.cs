using Dynamo.Testing;

namespace Dynamo.EndToEnd.Tests.Faults;

/// <summary>The whole local stack stopped and started again while clients keep sending: refused connections are resent, nothing is lost.</summary>
[Collection(FaultScenarios.Name)]
public sealed class GatewayRestartTests
{
    [Fact]
    public async Task Rows_sent_across_a_restart_of_the_stack_are_all_stored_once()
    {
        await using var stack = await FaultStack.StartAsync(new Dictionary<string, string>(), persistent: true);

        var report = await FaultLoads.RunAsync(stack, TestVolume.IsLong
            ? FaultLoads.Steady(stack, rate: 4, TimeSpan.FromSeconds(30), rows: 100)
            : FaultLoads.Steady(stack, rate: 3, TimeSpan.FromSeconds(6), rows: 20), async stop =>
        {
            await stack.IngestRunningAsync(stop);
            await Task.Delay(TimeSpan.FromSeconds(1), stop);
            await stack.RestartAsync();
        });

        FaultLoads.AssertEveryRowStoredOnce(report);
        // While nothing listened, requests found no API: no answer at all, resent like any failure.
        Assert.True(FaultLoads.Count(report, "none") > 0, $"no request met the stopped gateway: {string.Join(", ", report.Status)}");
    }
}
