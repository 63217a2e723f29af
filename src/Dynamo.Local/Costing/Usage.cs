namespace Dynamo.Local.Costing;

/// <summary>
/// What a local stack measured since it started, in the units AWS bills (the console's <c>/_console/api/usage</c>):
/// the stage's requests and access-log bytes, each function's REPORT lines (invocations, billed milliseconds times
/// memory size) and log bytes, and each table's charged write units, the items it stored and their sizes.
/// </summary>
public sealed record Usage(long NowMs, ApiUsage Api, IReadOnlyList<FunctionUsage> Functions, IReadOnlyList<TableUsage> Tables);

/// <param name="Requests">Every request the stage answered (its access-log lines).</param>
/// <param name="BilledRequests">
/// Those API Gateway bills: all but the ones it refused before the integration for authorization or throttling
/// (UNAUTHORIZED, ACCESS_DENIED, INVALID_API_KEY, MISSING_AUTHENTICATION_TOKEN, THROTTLED, QUOTA_EXCEEDED).
/// </param>
/// <param name="AccessLogBytes">The UTF-8 bytes of the access-log lines (template.yaml sends them to CloudWatch Logs).</param>
public sealed record ApiUsage(long Requests, long BilledRequests, long AccessLogBytes);

/// <param name="Invocations">REPORT lines: one per invocation a sandbox ran.</param>
/// <param name="BilledMs">The REPORT lines' Billed Duration, summed.</param>
/// <param name="BilledMbMs">Each REPORT line's Billed Duration times its Memory Size, summed (MB-ms; 1,024,000 of them are a GB-second).</param>
/// <param name="MemorySizeMb">The last REPORT line's Memory Size (the function's MemorySize).</param>
/// <param name="MaxMemoryUsedMb">The largest Max Memory Used of its REPORT lines.</param>
/// <param name="LogBytes">The UTF-8 bytes of every line in its log stream, REPORT lines included.</param>
public sealed record FunctionUsage(string Name, long Invocations, long BilledMs, long BilledMbMs, int MemorySizeMb, int MaxMemoryUsedMb, long LogBytes, long LogLines);

/// <param name="RowsStored">The ingest function's RowsStored metric for this dataset, summed.</param>
/// <param name="WriteUnits">The capacity meter's charged write units (ConsumedWriteCapacityUnits), resends and deletes included.</param>
/// <param name="ItemsPut">Whole items the meter saw stored (puts charged).</param>
/// <param name="ItemBytes">Their sizes by DynamoDB's rules, summed.</param>
/// <param name="RowBytes">Their sizes without Dynamo's system attributes (names starting with '_'), summed.</param>
/// <param name="RowUnits">One write unit per started KB of each item's own fields, summed: the floor's units.</param>
public sealed record TableUsage(string Name, long RowsStored, long WriteUnits, long ItemsPut, long ItemBytes, long RowBytes, long RowUnits);
