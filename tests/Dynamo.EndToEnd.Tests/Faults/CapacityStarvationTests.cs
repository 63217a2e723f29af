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
        // 1,000 units a second against 10,000 rows, a 4 s integration timeout: each answer stores about 3,000 rows.
        await using var stack = await FaultStack.StartAsync(new Dictionary<string, string>
        {
            ["MaxWriteRequestUnits"] = "1000",
            ["IntegrationTimeoutMs"] = "4000",
        }, persistent: false);

        var report = await FaultLoads.RunAsync(stack, FaultLoads.Steady(stack, rate: 1, TimeSpan.FromSeconds(2), rows: 5000), _ => Task.CompletedTask);

        FaultLoads.AssertEveryRowStoredOnce(report);
        Assert.Equal(2, report.OfferedRequests);
        Assert.True(FaultLoads.Count(report, "207") >= 2, $"no partial answers: {string.Join(", ", report.Status)}");
        Assert.True(report.Retries >= 2, "the retry rows were never resent");
        // The function answered before the gateway's timeout, every time.
        Assert.Equal(0, FaultLoads.Count(report, "504"));
    }
}
