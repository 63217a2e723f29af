using System.Text;
using System.Text.Json;
using Dynamo.Contracts;

namespace Dynamo.Local.Gateway;

/// <summary>One request as the access log line the local stack prints (the template's access log has the same facts).</summary>
public sealed record AccessLogEntry(string RequestId, string SourceIp, string Method, string Path, int Status, double LatencyMs)
{
    /// <summary>One JSON line: {"requestId":...,"sourceIp":...,"method":...,"path":...,"status":200,"latencyMs":12.3}.</summary>
    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        // The path is the client's: written whatever it holds, never failing the request it logs.
        using (var json = new Utf8JsonWriter(buffer, MinimalJsonEscaping.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("requestId", RequestId);
            json.WriteString("sourceIp", SourceIp);
            json.WriteString("method", Method);
            json.WriteString("path", Path);
            json.WriteNumber("status", Status);
            json.WriteNumber("latencyMs", Math.Round(LatencyMs, 1));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
