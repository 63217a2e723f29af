using System.Net;
using Dynamo.Local;
using Dynamo.Local.Processes;

namespace Dynamo.EndToEnd.Tests;

/// <summary>A stopped stack leaves nothing running: no DynamoDB Local java, no worker, no watchdog.</summary>
[Collection(LocalStackTests.Name)]
public sealed class StoppingTests
{
    [Fact]
    public async Task Stopping_the_stack_ends_DynamoDB_Local_and_every_worker()
    {
        var stack = await LocalStack.StartAsync(LocalStackFixture.Options(TextWriter.Null));
        int[] processes;
        try
        {
            using var http = new HttpClient();
            using (var response = await http.GetAsync(stack.Endpoints.Api + "/health"))
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            processes = [stack.Store.ProcessId, .. stack.Workers.WorkerProcessIds()];
            Assert.True(processes.Length >= 2);
            Assert.All(processes, pid => Assert.True(OwnedProcess.IsRunning(pid)));
        }
        finally
        {
            await stack.DisposeAsync();
        }

        Assert.All(processes, pid => Assert.False(OwnedProcess.IsRunning(pid), $"process {pid} outlived the stack"));
    }
}
