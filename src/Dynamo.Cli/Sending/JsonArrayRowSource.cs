using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dynamo.Cli.Sending;

/// <summary>
/// One JSON array, streamed element by element (the file is never held whole). JSON has no way back in sync after a
/// syntax error, so one ends the reading: the rows before it are sent and the error is the send's.
/// The rejects file's "line" is the element's number here.
/// </summary>
internal sealed class JsonArrayRowSource(FileStream file) : RowSource(file)
{
    public override async IAsyncEnumerable<SourceRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long element = 0;
        await foreach (var row in JsonSerializer.DeserializeAsyncEnumerable(File, SendJsonContext.Default.JsonElement, cancellationToken))
        {
            yield return new SourceRow(++element, row);
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Checkpoint))]
internal sealed partial class SendJsonContext : JsonSerializerContext;
