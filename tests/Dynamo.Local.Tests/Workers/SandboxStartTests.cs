using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Dynamo.Local.Template;
using Dynamo.Local.Workers;

namespace Dynamo.Local.Tests.Workers;

/// <summary>
/// How sandboxes start (docs/local-stack.md, Sandboxes), with a runtime whose Init takes a known time
/// (fake-runtime.py): the warm pool before any invocation, inits bounded so they never all run at once, invocations
/// waiting for a sandbox rather than refused, and a refusal only when the concurrency really is in use.
/// </summary>
public sealed class SandboxStartTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ConcurrentQueue<string> _console = new();
    private WorkerFleet? _fleet;

    private WorkerFleet Fleet(int concurrency, int? provisioned, double initSeconds, double invokeSeconds)
    {
        var function = new FunctionDefinition("Fake", "fake", 128, TimeSpan.FromSeconds(30),
            new Dictionary<string, string>
            {
                ["FAKE_INIT_SECONDS"] = initSeconds.ToString(CultureInfo.InvariantCulture),
                ["FAKE_INVOKE_SECONDS"] = invokeSeconds.ToString(CultureInfo.InvariantCulture),
            },
            ReservedConcurrency: concurrency, ProvisionedConcurrency: provisioned);
        var runtime = Path.Combine(AppContext.BaseDirectory, "Workers", "fake-runtime.py");
        var executable = new FunctionsExecutable("python3", [runtime], AppContext.BaseDirectory);
        _fleet = new WorkerFleet([function], executable, new Uri("http://127.0.0.1:9"), _console.Enqueue);
        return _fleet;
    }

    private static Task<InvocationResult> Invoke(WorkerFleet fleet, int i) =>
        fleet.InvokeAsync("Fake", Encoding.UTF8.GetBytes($$"""{"i":{{i}}}"""), CancellationToken.None);

    /// <summary>The Init intervals the fake runtimes printed ("init START END", monotonic seconds).</summary>
    private (double Start, double End)[] Inits() =>
        [.. _console.Where(line => line.StartsWith("[Fake] init ", StringComparison.Ordinal))
            .Select(line => line.Split(' '))
            .Select(parts => (double.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[3], CultureInfo.InvariantCulture)))];

    [Fact]
    public async Task The_templates_provisioned_concurrency_is_started_before_any_invocation_and_serves_it_warm()
    {
        var fleet = Fleet(concurrency: 5, provisioned: 3, initSeconds: 0.2, invokeSeconds: 0);

        await fleet.WarmAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(3, fleet.WorkerProcessIds("Fake").Count);
        Assert.Equal(3, Inits().Length);
        var result = await Invoke(fleet, 1).WaitAsync(Patience);
        Assert.True(result.Succeeded, result.Error?.ErrorMessage);
        Assert.DoesNotContain(_console, line => line.Contains("cold start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simultaneous_cold_invocations_wait_for_sandboxes_whose_inits_never_exceed_the_bound_and_are_logged_cold()
    {
        var fleet = Fleet(concurrency: 4, provisioned: 0, initSeconds: 0.4, invokeSeconds: 0.3);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Invoke(fleet, i))).WaitAsync(Patience);

        Assert.All(results, result => Assert.True(result.Succeeded, result.Error?.ErrorMessage));
        var inits = Inits();
        Assert.NotEmpty(inits);
        // At no moment did more Inits run than the bound (one on a 2-core machine).
        var mostAtOnce = inits.Max(init => inits.Count(other => other.Start < init.End && init.Start < other.End));
        Assert.InRange(mostAtOnce, 1, WorkerFleet.MaxConcurrentInits);
        Assert.Contains(_console, line => line.Contains("[Fake] cold start: worker", StringComparison.Ordinal) && line.Contains("Init Duration", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_invocation_writes_lambdas_REPORT_line_into_the_functions_log_stream_with_its_init_after_a_cold_start()
    {
        var fleet = Fleet(concurrency: 1, provisioned: 0, initSeconds: 0.1, invokeSeconds: 0.05);

        var first = await Invoke(fleet, 1).WaitAsync(Patience);
        var second = await Invoke(fleet, 2).WaitAsync(Patience);

        var reports = _console.Where(line => line.StartsWith("[Fake] REPORT ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reports.Count);
        Assert.Matches($@"^\[Fake\] REPORT RequestId: {first.RequestId}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: [1-9]\d* MB\tInit Duration: \d+\.\d\d ms$", reports[0]);
        Assert.Matches($@"^\[Fake\] REPORT RequestId: {second.RequestId}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: [1-9]\d* MB$", reports[1]);
        var (billed, _, _) = PlatformReport.Read(reports[1]["[Fake] ".Length..])!.Value;
        Assert.Equal(PlatformReport.BilledMilliseconds(second.Duration!.Value), billed);
    }

    [Fact]
    public async Task An_invocation_is_refused_only_when_the_reserved_concurrency_is_in_use()
    {
        var fleet = Fleet(concurrency: 2, provisioned: 0, initSeconds: 0.5, invokeSeconds: 1);

        // Both wait for sandboxes still in their Init: admitted, not refused.
        var first = Invoke(fleet, 1);
        var second = Invoke(fleet, 2);
        var third = await Invoke(fleet, 3).WaitAsync(Patience);

        Assert.True(third.Rejected);
        Assert.Equal(FunctionError.Throttled, third.Error?.ErrorType);
        // The log says the reserved concurrency was really in use when the 503 was decided.
        Assert.Contains(_console, line => line.StartsWith("[Fake] throttled 1 invocation: 2 of its reserved concurrency 2 in use", StringComparison.Ordinal));
        Assert.All(await Task.WhenAll(first, second).WaitAsync(Patience), result => Assert.True(result.Succeeded, result.Error?.ErrorMessage));
        var after = await Invoke(fleet, 4).WaitAsync(Patience);
        Assert.True(after.Succeeded, after.Error?.ErrorMessage);
    }

    public async ValueTask DisposeAsync()
    {
        if (_fleet is not null) await _fleet.DisposeAsync();
    }
}
