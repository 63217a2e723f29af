using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Dynamo.Local.Monitoring;

/// <summary>
/// What the console's log view asks for: a request id (exact; the API's or the invocation's Lambda request id), a status (429, or a class: 2xx, 4xx, 5xx) and a
/// function's logical ID; each left empty admits every line.
/// </summary>
public sealed record LogFilter(string? RequestId, string? Status, string? Function)
{
    public static bool TryCreate(string? requestId, string? status, string? function, [NotNullWhen(true)] out LogFilter? filter, out string problem)
    {
        filter = null;
        problem = "";
        status = string.IsNullOrWhiteSpace(status) ? null : status.Trim().ToLowerInvariant();
        if (status is not null && !IsStatus(status))
        {
            problem = $"status '{status}' is neither an HTTP status (100 to 599) nor a class (1xx to 5xx).";
            return false;
        }
        filter = new LogFilter(Blank(requestId), status, Blank(function));
        return true;
    }

    public bool Admits(LogEntry entry) =>
        (RequestId is null || string.Equals(entry.RequestId, RequestId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(entry.InvocationId, RequestId, StringComparison.OrdinalIgnoreCase))
        && (Function is null || string.Equals(entry.Function, Function, StringComparison.Ordinal))
        && (Status is null || (entry.Status is { } status && Matches(status)));

    private bool Matches(int status) => Status!.EndsWith("xx", StringComparison.Ordinal)
        ? status / 100 == Status[0] - '0'
        : status.ToString(CultureInfo.InvariantCulture) == Status;

    private static bool IsStatus(string status) =>
        (status.Length == 3 && status.EndsWith("xx", StringComparison.Ordinal) && status[0] is >= '1' and <= '5')
        || (int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
