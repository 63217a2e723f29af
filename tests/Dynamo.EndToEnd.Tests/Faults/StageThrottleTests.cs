using Dynamo.Load.Reporting;
using Dynamo.Testing;

namespace Dynamo.EndToEnd.Tests.Faults;

/// <summary>A stage throttled to one request a second and several clients at once: all are refused most of the time, all finish.</summary>
[Collection(FaultScenarios.Name)]
public sealed class StageThrottleTests
{
    private static readonly int Clients = TestVolume.Of(3, 4);

    [Fact]
    public async Task Several_clients_against_a_stage_of_one_request_a_second_all_store_every_row_once()
    {
        await using var stack = await FaultStack.StartAsync(new Dictionary<string, string>
        {
            ["ThrottlingRateLimit"] = "1",
            ["ThrottlingBurstLimit"] = "1",
        }, persistent: false);

        // Each client starts with GET /datasets (throttled like the rest), then sends its requests.
        var reports = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ =>
            FaultLoads.RunAsync(stack, FaultLoads.Steady(stack, rate: 1, TestVolume.Of(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)), rows: TestVolume.Of(20, 50)), _ => Task.CompletedTask)));

        Assert.All(reports, FaultLoads.AssertEveryRowStoredOnce);
        Assert.True(reports.Sum(r => FaultLoads.Count(r, "429")) > 0, "the stage never throttled");
        Assert.All(reports, (LoadReport r) => Assert.Equal(r.OfferedRequests, FaultLoads.Count(r, "200")));
    }
}
