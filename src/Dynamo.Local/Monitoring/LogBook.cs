using System.Text.Json;
using Dynamo.Local.Gateway;

namespace Dynamo.Local.Monitoring;

/// <summary>
/// The last <see cref="Capacity"/> lines of the access log and of the functions' logs, as the console shows and
/// filters them: by request id, by status and by function. A function's JSON lines carry its Lambda request id, which
/// the access log names as integrationRequestId: through it a function's line takes its API request's id and status,
/// so one filter finds a request's whole story whichever of the two ids it is given.
/// </summary>
internal sealed class LogBook(TimeProvider clock)
{
    public const int Capacity = 5_000;
    public const string AccessSource = "access";
    public const string FunctionSource = "function";

    private readonly Lock _lock = new();
    private readonly Queue<LogEntry> _entries = new();
    private long _sequence;

    public void Request(ObservedRequest request) =>
        Add(new LogEntry(0, request.Entry.RequestTime?.ToUnixTimeMilliseconds() ?? clock.GetUtcNow().ToUnixTimeMilliseconds(),
            AccessSource, request.Function, request.Entry.RequestId, request.Entry.Status, request.Entry.ToJsonLine()) { InvocationId = request.Entry.IntegrationRequestId });

    public void FunctionLine(string function, string text) =>
        Add(new LogEntry(0, clock.GetUtcNow().ToUnixTimeMilliseconds(), FunctionSource, function, null, null, text) { InvocationId = RequestIdOf(text) });

    /// <summary>The entries after <paramref name="after"/> that pass the filter, oldest first, at most <paramref name="limit"/> (the newest ones).</summary>
    public IReadOnlyList<LogEntry> Find(LogFilter filter, long after, int limit)
    {
        LogEntry[] entries;
        lock (_lock) entries = [.. _entries];
        // A function's line is written before its request's access-log line: its status is looked up at read time.
        var requests = new Dictionary<string, LogEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
            if (entry.Source == AccessSource && entry.InvocationId is { } invocation) requests[invocation] = entry;
        var found = entries
            .Where(entry => entry.Sequence > after)
            .Select(entry => entry.Source == FunctionSource && entry.InvocationId is { } id && requests.TryGetValue(id, out var request)
                ? entry with { RequestId = request.RequestId, Status = request.Status }
                : entry)
            .Where(filter.Admits)
            .ToList();
        return found.Count <= limit ? found : found[^limit..];
    }

    private void Add(LogEntry entry)
    {
        lock (_lock)
        {
            _entries.Enqueue(entry with { Sequence = ++_sequence });
            while (_entries.Count > Capacity) _entries.Dequeue();
        }
    }

    private static string? RequestIdOf(string text)
    {
        if (!text.StartsWith('{') || !text.Contains("\"requestId\"", StringComparison.Ordinal)) return null;
        try
        {
            using var line = JsonDocument.Parse(text);
            return line.RootElement.ValueKind == JsonValueKind.Object && line.RootElement.TryGetProperty("requestId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// One log line: its order, when (ms since the epoch), access or function, the function, and when known the API's
/// request id, the status and the Lambda request id of the invocation (<see cref="InvocationId"/>).
/// </summary>
public sealed record LogEntry(long Sequence, long TimeMs, string Source, string? Function, string? RequestId, int? Status, string Text)
{
    public string? InvocationId { get; init; }
}
