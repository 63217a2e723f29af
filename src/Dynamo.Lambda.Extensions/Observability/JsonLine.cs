using System.Buffers;
using System.Text;
using System.Text.Json;
using Dynamo.Contracts;

namespace Dynamo.Lambda.Extensions.Observability;

/// <summary>
/// Writes one JSON object as one line with a single <see cref="TextWriter.Write(string)"/>, so a line never
/// interleaves with another writer's: CloudWatch Logs takes each line of a function's stdout as one log event,
/// and both the log line and an EMF document must be a whole event.
/// </summary>
internal static class JsonLine
{
    public static void Write(TextWriter output, Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        // Minimal escaping writes what a line may carry from a request (a dataset named in the path) whatever it is.
        using (var json = new Utf8JsonWriter(buffer, MinimalJsonEscaping.WriterOptions))
        {
            json.WriteStartObject();
            writeMembers(json);
            json.WriteEndObject();
        }
        output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n");
        output.Flush();
    }
}
