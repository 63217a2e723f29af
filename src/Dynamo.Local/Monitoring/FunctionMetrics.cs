using Dynamo.Local.Workers;

namespace Dynamo.Local.Monitoring;

/// <summary>
/// One function's AWS/Lambda metrics as Lambda counts them: Invocations (every invocation a sandbox ran, failed or
/// not), Errors (those that ended in a function error or timeout), Throttles (refused for want of concurrency, which are
/// not invocations), Duration (milliseconds in the sandbox, without Init), ConcurrentExecutions (its Maximum per second
/// is CloudWatch's statistic) against the reserved concurrency; and ColdStarts, which Lambda shows only as the REPORT
/// line's Init Duration.
/// </summary>
internal sealed class FunctionMetrics(string name, int reservedConcurrency, TimeProvider clock)
{
    private readonly MetricSeries _invocations = new("Count", clock);
    private readonly MetricSeries _errors = new("Count", clock);
    private readonly MetricSeries _throttles = new("Count", clock);
    private readonly MetricSeries _coldStarts = new("Count", clock);
    private readonly MetricSeries _duration = new("Milliseconds", clock);
    private readonly MetricSeries _concurrentExecutions = new("Count", clock);

    public string Name { get; } = name;
    public int ReservedConcurrency { get; } = reservedConcurrency;

    /// <param name="concurrency">Invocations running when this one was admitted, itself included.</param>
    public void Ended(InvocationResult result, int concurrency)
    {
        if (result.Rejected)
        {
            if (result.Error?.ErrorType == FunctionError.Throttled) _throttles.Add(1);
            return;
        }
        _invocations.Add(1);
        _errors.Add(result.Error is null ? 0 : 1);
        _coldStarts.Add(result.ColdStart ? 1 : 0);
        if (result.Duration is { } duration) _duration.Add(duration.TotalMilliseconds);
        _concurrentExecutions.Add(concurrency);
    }

    public FunctionSnapshot Snapshot(int running) => new(Name, ReservedConcurrency, running, new Dictionary<string, MetricSnapshot>(StringComparer.Ordinal)
    {
        ["Invocations"] = _invocations.Snapshot(),
        ["Errors"] = _errors.Snapshot(),
        ["Throttles"] = _throttles.Snapshot(),
        ["Duration"] = _duration.Snapshot(),
        ["ConcurrentExecutions"] = _concurrentExecutions.Snapshot(),
        ["ColdStarts"] = _coldStarts.Snapshot(),
    });
}
