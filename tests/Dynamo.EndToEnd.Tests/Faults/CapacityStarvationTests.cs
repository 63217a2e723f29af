using Dynamo.Testing;

namespace Dynamo.EndToEnd.Tests.Faults;

/// <summary>
/// A table whose write capacity is far below the load: every 5,000-row request is answered 207 before the
/// integration timeout with what fit, and the client's resends of the retry rows complete the set.
/// </summary>
[Collection(FaultScenarios.Name)]
public sealed class CapacityStarvationTests
{
    [Fact]
    public async Task Five_thousand_row_requests_starved_of_write_capacity_answer_207_and_complete_by_resends()
    {
        // 500 units a second against 10,000 rows, a 6 s integration timeout: the two answers store about 4,000
        // rows together. A timeout this short leaves 0.6 s of margin, which cold JIT workers on a busy machine
        // sometimes miss (a 504, whose rows the client resends); a long run (TestVolume) has the template's
        // 29 s and 100 units a second, so each answer stores about 3,000 rows.
        await using var stack = await FaultStack.StartAsync(new Dictionary<string, string>
        {
            ["MaxWriteRequestUnits"] = TestVolume.IsLong ? "100" : "500",
            ["IntegrationTimeoutMs"] = TestVolume.IsLong ? "29000" : "6000",
        }, persistent: false);

        var report = await FaultLoads.RunAsync(stack, FaultLoads.Steady(stack, rate: 1, TimeSpan.FromSeconds(2), rows: 5000), _ => Task.CompletedTask);

        FaultLoads.AssertEveryRowStoredOnce(report);
        Assert.Equal(2, report.OfferedRequests);
        Assert.True(FaultLoads.Count(report, "207") >= 2, $"no partial answers: {string.Join(", ", report.Status)}");
        Assert.True(report.Retries >= 2, "the retry rows were never resent");
    }
}
