using Dynamo.Load;
using Dynamo.Load.Reporting;
using Dynamo.Load.Scenarios;
using Dynamo.Testing;

namespace Dynamo.EndToEnd.Tests.Faults;

/// <summary>`dynamo load`'s engine against a <see cref="FaultStack"/>, with a fault injected while it runs.</summary>
internal static class FaultLoads
{
    /// <summary>A steady load of fresh orders: <paramref name="rate"/> requests a second of <paramref name="rows"/> rows each.</summary>
    public static LoadOptions Steady(FaultStack stack, double rate, TimeSpan duration, int rows) => new()
    {
        Api = stack.Api,
        Dataset = "orders",
        Scenario = Scenario.Steady,
        Rate = rate,
        Duration = duration,
        RowsPerRequest = rows,
        Seed = 15,
        // A long run (TestVolume) starves a 5,000-row load of capacity for minutes before the last row fits.
        Drain = TestVolume.Of(TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(12)),
    };

    /// <summary>
    /// Runs the load and, alongside it, <paramref name="fault"/>, whose token is cancelled once the load has ended
    /// (a fault still waiting for its moment then gives up); returns the load's report.
    /// </summary>
    public static async Task<LoadReport> RunAsync(FaultStack stack, LoadOptions options, Func<CancellationToken, Task> fault)
    {
        using var dynamo = stack.CreateStoreClient();
        using var giveUp = new CancellationTokenSource(TestVolume.Of(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)));
        using var loadEnded = CancellationTokenSource.CreateLinkedTokenSource(giveUp.Token);
        var load = new LoadRun(options, dynamo, TextWriter.Null, TimeProvider.System).RunAsync(giveUp.Token);
        var injected = fault(loadEnded.Token);
        try
        {
            return await load;
        }
        finally
        {
            await loadEnded.CancelAsync();
            try
            {
                await injected;
            }
            catch (OperationCanceledException) when (loadEnded.IsCancellationRequested)
            {
                // The load ended before the fault's moment came: the test's assertions on the fault say so.
            }
        }
    }

    /// <summary>The promise: after the client's resends every row is stored exactly as sent, whatever failed.</summary>
    public static void AssertEveryRowStoredOnce(LoadReport report)
    {
        Assert.Equal((0L, 0L, 0L), (report.Lost, report.Duplicated, report.Corrupted));
        Assert.Equal(0, report.RowsUndelivered);
        Assert.Equal(report.RowsSent, report.RowsVerified);
        Assert.True(report.RowsSent > 0, "the load sent nothing");
    }

    public static long Count(LoadReport report, string status) => report.Status.GetValueOrDefault(status);
}

/// <summary>Fault scenarios run alone: their processes, kills and restarts must not slow the other tests' stacks, nor theirs these.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultScenarios
{
    public const string Name = "fault scenarios";
}
