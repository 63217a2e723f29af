using System.Diagnostics;
using Dynamo.Testing;

namespace Dynamo.EndToEnd.Tests.Faults;

/// <summary>A function worker killed while it runs a request: the gateway answers 502, the pool starts a new worker, the client resends.</summary>
[Collection(FaultScenarios.Name)]
public sealed class WorkerCrashTests
{
    private static readonly int Kills = TestVolume.Of(3, 10);

    [Fact]
    public async Task Rows_of_requests_whose_worker_is_killed_mid_request_are_resent_and_stored_once()
    {
        // 400 write units a second for 200-row requests at 2 a second (400 in a long run: a second each): each
        // request is written for long enough that a worker is caught in the middle of one.
        await using var stack = await FaultStack.StartAsync(new Dictionary<string, string> { ["MaxWriteRequestUnits"] = "400" }, persistent: false);
        var killed = new List<int>();

        var report = await FaultLoads.RunAsync(stack, FaultLoads.Steady(stack, rate: 2, TestVolume.Of(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(30)), rows: TestVolume.Of(200, 400)), async stop =>
        {
            while (killed.Count < Kills && !stop.IsCancellationRequested)
            {
                if (stack.Stack.Workers.InvokingWorkerProcessIds("IngestFunction") is [var busy, ..])
                {
                    Process.GetProcessById(busy).Kill();
                    killed.Add(busy);
                    await Task.Delay(TimeSpan.FromSeconds(1), stop);
                }
                await Task.Delay(10, stop);
            }
        });

        FaultLoads.AssertEveryRowStoredOnce(report);
        // A crash fails exactly the invocation the worker was running (Lambda's Runtime.ExitError): one 502 each. A
        // worker may finish its answer in the instant between being seen busy and the kill, so not every kill must
        // have caught one.
        var crashes = killed.Count(pid => stack.Console.Contains($"worker {pid} ended (Runtime.ExitError)", StringComparison.Ordinal));
        Assert.InRange(crashes, 1, Kills);
        Assert.Equal(crashes, FaultLoads.Count(report, "502"));
        // The pool replaced them: none of the killed processes is among its workers.
        Assert.DoesNotContain(stack.Stack.Workers.WorkerProcessIds("IngestFunction"), killed.Contains);
    }
}
