namespace Dynamo.Local.Monitoring;

/// <summary>Everything the console's numbers and charts show at one moment (its /_console/api/metrics answer).</summary>
public sealed record MonitorSnapshot(
    long NowMs,
    IReadOnlyList<FunctionSnapshot> Functions,
    IReadOnlyList<StageSnapshot> Stages,
    IReadOnlyList<TableSnapshot> Tables,
    IReadOnlyList<EmfMetricSnapshot> Emf);

/// <summary>A function's AWS/Lambda metrics, its reserved concurrency and how many invocations run now.</summary>
public sealed record FunctionSnapshot(string Name, int ReservedConcurrency, int ConcurrentExecutions, IReadOnlyDictionary<string, MetricSnapshot> Metrics);

/// <summary>A stage's AWS/ApiGateway metrics, its requests by status and its 429s by what refused them.</summary>
public sealed record StageSnapshot(string Name, IReadOnlyDictionary<string, MetricSnapshot> Metrics, IReadOnlyDictionary<string, long> Statuses, IReadOnlyDictionary<string, long> ThrottledBy);

/// <summary>A table's AWS/DynamoDB write metrics against its MaxWriteRequestUnits (null: uncapped), and its rows stored and retry.</summary>
public sealed record TableSnapshot(string Name, int? MaxWriteRequestUnits, IReadOnlyDictionary<string, MetricSnapshot> Metrics);

/// <summary>One metric a function defined in its EMF lines, by namespace, name and dimensions.</summary>
public sealed record EmfMetricSnapshot(string Namespace, string Name, IReadOnlyDictionary<string, string> Dimensions, MetricSnapshot Metric);
