using System.Text.Json;

namespace Dynamo.Local.Workers;

/// <summary>How one invocation ended: the function's response bytes, or its error.</summary>
public sealed record InvocationResult
{
    public required string RequestId { get; init; }
    /// <summary>The body the runtime posted to <c>/response</c>; empty when <see cref="Error"/> is set.</summary>
    public ReadOnlyMemory<byte> Response { get; init; }
    public FunctionError? Error { get; init; }
    public bool Succeeded => Error is null;
    /// <summary>
    /// Lambda's Invoke API refused the invocation before any function ran (<see cref="FunctionError.Throttled"/>,
    /// <see cref="FunctionError.RequestTooLarge"/>): API Gateway's INTEGRATION_FAILURE, not a function error.
    /// </summary>
    public bool Rejected { get; init; }
    /// <summary>The invocation waited for its sandbox's Init phase (Lambda's REPORT line then has an Init Duration).</summary>
    public bool ColdStart { get; init; }
    /// <summary>
    /// Lambda's Duration: from the event reaching the sandbox to its answer, without the Init phase or the wait for a
    /// sandbox; null when no sandbox ran it (<see cref="Rejected"/>).
    /// </summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>An invocation Lambda refused, with its error type and message.</summary>
    public static InvocationResult Refused(string errorType, string message) => new()
    {
        RequestId = Guid.NewGuid().ToString(),
        Rejected = true,
        Error = new FunctionError { ErrorType = errorType, ErrorMessage = message },
    };
}

/// <summary>
/// A failed invocation: what the runtime posted to <c>/error</c> or <c>/init/error</c>, or what the runtime
/// API itself decided (a timeout, a response too large), in Lambda's words.
/// </summary>
public sealed record FunctionError
{
    /// <summary>Lambda's error type when the function ran past its deadline.</summary>
    public const string TimedOut = "Sandbox.Timedout";
    /// <summary>Lambda's error type for a response over the 6 MB synchronous limit.</summary>
    public const string ResponseSizeTooLarge = "Function.ResponseSizeTooLarge";
    /// <summary>Lambda's Invoke error (HTTP 429) when the function's concurrency is exhausted.</summary>
    public const string Throttled = "TooManyRequestsException";
    /// <summary>Lambda's Invoke error (HTTP 413) for a synchronous event over 6 MB.</summary>
    public const string RequestTooLarge = "RequestEntityTooLargeException";

    /// <summary>The <c>Lambda-Runtime-Function-Error-Type</c> header, if the runtime sent one.</summary>
    public string? Category { get; init; }
    public required string ErrorType { get; init; }
    public required string ErrorMessage { get; init; }
    public IReadOnlyList<string> StackTrace { get; init; } = [];

    /// <summary>Reads the runtime API's error body (<c>errorType</c>, <c>errorMessage</c>, <c>stackTrace</c>), tolerating any shape.</summary>
    public static FunctionError Parse(ReadOnlySpan<byte> body, string? category)
    {
        string? type = null, message = null;
        var stack = new List<string>();
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("errorType", out var t) && t.ValueKind == JsonValueKind.String) type = t.GetString();
                if (root.TryGetProperty("errorMessage", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
                if (root.TryGetProperty("stackTrace", out var s) && s.ValueKind == JsonValueKind.Array)
                    stack.AddRange(s.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
            }
        }
        catch (JsonException)
        {
            message = System.Text.Encoding.UTF8.GetString(body);
        }
        return new FunctionError
        {
            Category = category,
            ErrorType = type ?? category ?? "Unhandled",
            ErrorMessage = message ?? "",
            StackTrace = stack,
        };
    }
}
