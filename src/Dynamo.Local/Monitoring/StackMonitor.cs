using System.Collections.Concurrent;
using Dynamo.Local.Capacity;
using Dynamo.Local.Gateway;
using Dynamo.Local.Template;
using Dynamo.Local.Workers;

namespace Dynamo.Local.Monitoring;

/// <summary>
/// What the local console shows, collected in the stack's own process as the pieces decide: the gateway tells it of
/// each request (<see cref="Answered"/>), the invoker of each invocation (<see cref="MeteredFunctions"/>), the capacity
/// emulation of each second of writes (<see cref="MonitorCapacitySink"/>), and the workers hand it every line a
/// function writes (<see cref="FunctionLine"/>), whose EMF metrics it reads as CloudWatch Logs would. Nothing is
/// sampled or estimated: the numbers are the access log's and the decisions' own.
/// </summary>
public sealed class StackMonitor
{
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, FunctionMetrics> _functions;
    private readonly StageMetrics _stage;
    private readonly Dictionary<string, TableMetrics> _tables;
    private readonly ConcurrentDictionary<string, (EmfDatapoint First, MetricSeries Series)> _emf = new(StringComparer.Ordinal);
    private readonly LogBook _logs;
    private readonly UsageMeter _usage;
    private Func<string, int> _running = _ => 0;

    public StackMonitor(StackTemplate template, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        _clock = clock ?? TimeProvider.System;
        _functions = template.Functions.ToDictionary(
            function => function.LogicalId,
            function => new FunctionMetrics(function.LogicalId, function.ReservedConcurrency ?? WorkerFleet.UnreservedConcurrency, _clock),
            StringComparer.Ordinal);
        _stage = new StageMetrics(template.StageName, _clock);
        _tables = template.Tables.ToDictionary(table => table.LocalTableName, table => new TableMetrics(table.LocalTableName, table.MaxWriteRequestUnits, _clock), StringComparer.Ordinal);
        _logs = new LogBook(_clock);
        _usage = new UsageMeter(template.Functions.Select(f => f.LogicalId), template.Tables.Select(t => t.LocalTableName), _clock);
    }

    /// <summary>Where the current ConcurrentExecutions of a function come from (the fleet's running invocations).</summary>
    public void ReadConcurrencyFrom(Func<string, int> running) => _running = running ?? throw new ArgumentNullException(nameof(running));

    internal int Running(string function) => _running(function);

    public void Answered(ObservedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _stage.Answered(request.Entry);
        _logs.Request(request);
        _usage.Request(request.Entry, request.Entry.ToJsonLine());
    }

    /// <param name="concurrency">Invocations of the function running once this one was admitted, itself included.</param>
    public void Invoked(string function, InvocationResult result, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_functions.TryGetValue(function, out var metrics)) metrics.Ended(result, concurrency);
    }

    public void CapacityReported(CapacitySecond second)
    {
        ArgumentNullException.ThrowIfNull(second);
        if (_tables.TryGetValue(second.Table, out var table)) table.Reported(second);
        _usage.Capacity(second);
    }

    /// <summary>A line from a worker, as the fleet prints it: "[FunctionLogicalId] text".</summary>
    public void FunctionLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith('[') || line.IndexOf("] ", StringComparison.Ordinal) is not (> 1 and var end)) return;
        var function = line[1..end];
        var text = line[(end + 2)..];
        _logs.FunctionLine(function, text);
        _usage.FunctionLine(function, text);
        foreach (var datapoint in EmfDocument.Read(text))
        {
            _emf.GetOrAdd(datapoint.Key, _ => (datapoint, new MetricSeries(datapoint.Unit, _clock))).Series.Add(datapoint.Value);
            if (datapoint.Dimensions.TryGetValue("dataset", out var dataset) && _tables.TryGetValue(dataset, out var table))
            {
                table.Rows(datapoint.Name, datapoint.Value);
                if (datapoint.Name == "RowsStored") _usage.RowsStored(dataset, datapoint.Value);
            }
        }
    }

    public MonitorSnapshot Snapshot() => new(
        _clock.GetUtcNow().ToUnixTimeMilliseconds(),
        [.. _functions.Values.Select(function => function.Snapshot(_running(function.Name)))],
        [_stage.Snapshot()],
        [.. _tables.Values.Select(table => table.Snapshot())],
        [.. _emf.Values
            .OrderBy(metric => metric.First.Namespace, StringComparer.Ordinal).ThenBy(metric => metric.First.Name, StringComparer.Ordinal)
            .ThenBy(metric => metric.First.Key, StringComparer.Ordinal)
            .Select(metric => new EmfMetricSnapshot(metric.First.Namespace, metric.First.Name, metric.First.Dimensions, metric.Series.Snapshot()))]);

    /// <summary>The billed quantities since the stack started (docs/cost.md): the console's api/usage.</summary>
    public Costing.Usage Usage() => _usage.Snapshot();

    public IReadOnlyList<LogEntry> Logs(LogFilter filter, long after = 0, int limit = 500) => _logs.Find(filter, after, limit);
}
