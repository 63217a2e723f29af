using System.Text.Json;

namespace Dynamo.Lambda.Extensions.Observability;

/// <summary>
/// The one structured log line of an invocation, Powertools-style: a JSON object on one line with the
/// timestamp, level, message, request id, dataset, counts per row status, duration, deadline stop, batch
/// retries, cold start and X-Ray trace id. CloudWatch Logs Insights discovers its fields (docs/monitoring.md).
/// </summary>
/// <param name="output">Where the lines go: the function's stdout, which Lambda sends to CloudWatch Logs.</param>
/// <param name="clock">The timestamp's clock.</param>
/// <param name="traceId">The current trace id; by default <see cref="TraceIdVariable"/>, which the runtime loop sets per invocation.</param>
public sealed class InvocationLog(TextWriter output, TimeProvider clock, Func<string?>? traceId = null)
{
    /// <summary>Lambda's X-Ray trace header (Root=...;Parent=...;Sampled=...), set for each invocation.</summary>
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    private readonly Func<string?> traceId = traceId ?? (() => Environment.GetEnvironmentVariable(TraceIdVariable));

    public void Write(InvocationOutcome outcome, LogLevel level, string message)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        JsonLine.Write(output, json =>
        {
            json.WriteString("timestamp", clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
            json.WriteString("level", Text(level));
            json.WriteString("message", message);
            json.WriteString("requestId", outcome.RequestId);
            WriteStringOrNull(json, "dataset", outcome.Dataset);
            if (outcome.Rows is { } rows)
            {
                json.WriteStartObject("rows");
                json.WriteNumber("received", rows.Received);
                json.WriteNumber("stored", rows.Stored);
                json.WriteNumber("invalid", rows.Invalid);
                json.WriteNumber("duplicate", rows.Duplicate);
                json.WriteNumber("retry", rows.Retry);
                json.WriteNumber("stale", rows.Stale);
                json.WriteNumber("conflict", rows.Conflict);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("rows");
            }
            json.WriteNumber("durationMs", Math.Round(outcome.Duration.TotalMilliseconds, 1));
            json.WriteBoolean("deadlineStop", outcome.DeadlineStop);
            json.WriteNumber("batchRetries", outcome.BatchRetries);
            json.WriteBoolean("coldStart", outcome.ColdStart);
            WriteStringOrNull(json, "traceId", traceId());
        });
    }

    private static string Text(LogLevel level) => level switch
    {
        LogLevel.Info => "INFO",
        LogLevel.Warn => "WARN",
        LogLevel.Error => "ERROR",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown log level."),
    };

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }
}
