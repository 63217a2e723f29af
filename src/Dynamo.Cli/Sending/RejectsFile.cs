using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dynamo.Cli.Sending;

/// <summary>
/// FILE.rejects.jsonl: one line per invalid or conflict row, <c>{"line": n, "row": {...}, "errors": [...]}</c>
/// (docs/sending.md), in file order; a conflict's one error starts "conflict:" and names the stored item's hash. A row the file's text could not make has its text as "row". People read it, so characters such as
/// '&gt;', '&amp;' and non-ASCII letters are written as themselves and a quote as \", not as \u escapes.
/// </summary>
internal sealed class RejectsFile : IDisposable
{
    private readonly FileStream stream;
    private readonly Utf8JsonWriter writer;

    /// <param name="keepBytes">The bytes a checkpoint vouches for; anything after them (written past the checkpoint) is cut.</param>
    public RejectsFile(string path, long keepBytes)
    {
        Path = path;
        stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        stream.SetLength(Math.Min(keepBytes, stream.Length));
        stream.Seek(0, SeekOrigin.End);
        writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public string Path { get; }

    public long Bytes => stream.Length;

    /// <summary>Where the rejects of <paramref name="file"/> go unless --rejects says otherwise.</summary>
    public static string PathFor(string file) => file + ".rejects.jsonl";

    public void Write(long line, JsonElement? row, string? text, IReadOnlyList<string> errors)
    {
        writer.Reset();
        writer.WriteStartObject();
        writer.WriteNumber("line", line);
        writer.WritePropertyName("row");
        if (row is { } element)
            element.WriteTo(writer);
        else
            writer.WriteStringValue(text);
        writer.WriteStartArray("errors");
        foreach (var error in errors)
            writer.WriteStringValue(error);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>To the disk, before a checkpoint counts these lines.</summary>
    public void Flush() => stream.Flush(flushToDisk: true);

    public void Dispose()
    {
        writer.Dispose();
        stream.Dispose();
    }
}
