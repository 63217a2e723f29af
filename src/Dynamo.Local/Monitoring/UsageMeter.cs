using System.Text;
using Dynamo.Local.Capacity;
using Dynamo.Local.Costing;
using Dynamo.Local.Gateway;
using Dynamo.Local.Workers;

namespace Dynamo.Local.Monitoring;

/// <summary>
/// The billed quantities since the stack started (<see cref="Usage"/>), summed as the lines and decisions go by: never
/// a window, so a long run loses nothing. Only the template's tables count: the writes of the stack's start-up warm-up
/// to a scratch table are no row's. Each function's REPORT lines are read from its log stream, as CloudWatch
/// Logs would show them; the write units and item sizes come from the capacity meter's reports.
/// </summary>
internal sealed class UsageMeter(IEnumerable<string> functions, IEnumerable<string> tables, TimeProvider clock)
{
    /// <summary>The gateway responses API Gateway does not bill: refused for authorization or throttling before any integration.</summary>
    private static readonly HashSet<string> Unbilled = new(StringComparer.Ordinal)
    {
        "UNAUTHORIZED", "ACCESS_DENIED", "INVALID_API_KEY", "MISSING_AUTHENTICATION_TOKEN", "THROTTLED", "QUOTA_EXCEEDED",
    };

    private readonly Lock _lock = new();
    private readonly Dictionary<string, FunctionCounts> _functions = functions.ToDictionary(f => f, _ => new FunctionCounts(), StringComparer.Ordinal);
    private readonly Dictionary<string, TableCounts> _tables = tables.ToDictionary(t => t, _ => new TableCounts(), StringComparer.Ordinal);
    private long _requests;
    private long _billedRequests;
    private long _accessLogBytes;

    public void Request(AccessLogEntry entry, string line)
    {
        lock (_lock)
        {
            _requests++;
            if (entry.ErrorType is not { } type || !Unbilled.Contains(type)) _billedRequests++;
            _accessLogBytes += Encoding.UTF8.GetByteCount(line);
        }
    }

    public void FunctionLine(string function, string text)
    {
        var report = PlatformReport.Read(text);
        lock (_lock)
        {
            if (!_functions.TryGetValue(function, out var counts)) _functions[function] = counts = new FunctionCounts();
            counts.LogLines++;
            counts.LogBytes += Encoding.UTF8.GetByteCount(text);
            if (report is not var (billedMs, memoryMb, usedMb)) return;
            counts.Invocations++;
            counts.BilledMs += billedMs;
            counts.BilledMbMs += billedMs * memoryMb;
            counts.MemorySizeMb = memoryMb;
            counts.MaxMemoryUsedMb = Math.Max(counts.MaxMemoryUsedMb, usedMb);
        }
    }

    public void RowsStored(string table, double value)
    {
        lock (_lock)
        {
            if (_tables.TryGetValue(table, out var counts)) counts.RowsStored += (long)value;
        }
    }

    public void Capacity(CapacitySecond second)
    {
        lock (_lock)
        {
            // The stack's own writes to other tables (the start's warm-up of DynamoDB Local) are no row's cost.
            if (!_tables.TryGetValue(second.Table, out var counts)) return;
            counts.WriteUnits += second.UnitsConsumed;
            counts.ItemsPut += second.ItemsPut;
            counts.ItemBytes += second.ItemBytes;
            counts.RowBytes += second.RowBytes;
            counts.RowUnits += second.RowUnits;
        }
    }

    public Usage Snapshot()
    {
        lock (_lock)
        {
            return new Usage(
                clock.GetUtcNow().ToUnixTimeMilliseconds(),
                new ApiUsage(_requests, _billedRequests, _accessLogBytes),
                [.. _functions.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new FunctionUsage(
                    f.Key, f.Value.Invocations, f.Value.BilledMs, f.Value.BilledMbMs, f.Value.MemorySizeMb, f.Value.MaxMemoryUsedMb, f.Value.LogBytes, f.Value.LogLines))],
                [.. _tables.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new TableUsage(
                    t.Key, t.Value.RowsStored, t.Value.WriteUnits, t.Value.ItemsPut, t.Value.ItemBytes, t.Value.RowBytes, t.Value.RowUnits))]);
        }
    }

    private sealed class FunctionCounts
    {
        public long Invocations, BilledMs, BilledMbMs, LogBytes, LogLines;
        public int MemorySizeMb, MaxMemoryUsedMb;
    }

    private sealed class TableCounts
    {
        public long RowsStored, WriteUnits, ItemsPut, ItemBytes, RowBytes, RowUnits;
    }
}
