using System.Text;
using System.Text.Json;
using Dynamo.Contracts;

namespace Dynamo.Local.Gateway;

/// <summary>
/// One request as the access log line the local stack prints (the template's access log has the same facts): when it
/// arrived, the API key's id (never its value), and for a request the gateway refused itself the gateway response type
/// (THROTTLED, QUOTA_EXCEEDED, INVALID_API_KEY, ...) and, for THROTTLED, which bucket (usage-plan or stage), and for a
/// request that reached its function the integration latency (the template's $context.integration.latency).
/// </summary>
public sealed record AccessLogEntry(string RequestId, string SourceIp, string Method, string Path, int Status, double LatencyMs)
{
    public DateTimeOffset? RequestTime { get; init; }
    public string? ApiKeyId { get; init; }
    public string? ErrorType { get; init; }
    public string? Limit { get; init; }
    /// <summary>Milliseconds from invoking the function to its answer (or the integration timeout); null when no function was invoked.</summary>
    public double? IntegrationLatencyMs { get; init; }
    /// <summary>The Lambda request id of the invocation that answered (the template's $context.integration.requestId), which the function's log lines carry.</summary>
    public string? IntegrationRequestId { get; init; }

    /// <summary>
    /// One JSON line: {"requestId":...,"requestTimeEpochMs":...,"sourceIp":...,"method":...,"path":...,"status":429,
    /// "latencyMs":1.2,"integrationLatencyMs":0.9,"integrationRequestId":"8f2e...","apiKeyId":"k1a2...","errorType":"THROTTLED","limit":"usage-plan"}; the
    /// last five only when known.
    /// </summary>
    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        // The path is the client's: written whatever it holds, never failing the request it logs.
        using (var json = new Utf8JsonWriter(buffer, MinimalJsonEscaping.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("requestId", RequestId);
            if (RequestTime is { } time)
                json.WriteNumber("requestTimeEpochMs", time.ToUnixTimeMilliseconds());
            json.WriteString("sourceIp", SourceIp);
            json.WriteString("method", Method);
            json.WriteString("path", Path);
            json.WriteNumber("status", Status);
            json.WriteNumber("latencyMs", Math.Round(LatencyMs, 1));
            if (IntegrationLatencyMs is { } integration)
                json.WriteNumber("integrationLatencyMs", Math.Round(integration, 1));
            if (IntegrationRequestId is not null)
                json.WriteString("integrationRequestId", IntegrationRequestId);
            if (ApiKeyId is not null)
                json.WriteString("apiKeyId", ApiKeyId);
            if (ErrorType is not null)
                json.WriteString("errorType", ErrorType);
            if (Limit is not null)
                json.WriteString("limit", Limit);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
