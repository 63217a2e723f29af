using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Querying;
using Dynamo.Core.Rows;

namespace Dynamo.Cli.Querying;

/// <summary>
/// A result row as plain JSON text (<see cref="ItemJson"/> does the conversion), its attributes in the
/// <see cref="ColumnOrder"/>, written for people and files rather than HTML pages: quotes, '&amp;', '&lt;', '&gt;'
/// and non-ASCII letters as themselves, not \u escapes.
/// </summary>
internal static class RowJson
{
    // Output goes to terminals and files, never into HTML or script, so the HTML-safe escaping is noise.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Utf8JsonWriter Writer(Stream stream) => new(stream, Options);

    public static string ToText(Dictionary<string, AttributeValue> row, ColumnOrder order)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            foreach (var name in order.Sort(row.Keys))
            {
                writer.WritePropertyName(name);
                ItemJson.Write(writer, row[name]);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
