using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dynamo.Client.Keys;
using Dynamo.Contracts;

namespace Dynamo.Client.Chunking;

/// <summary>Turns an input row into its compact UTF-8 JSON and its key; refuses rows that can never be sent.</summary>
internal abstract class RowEncoder<T>(KeyFields keyFields)
{
    /// <summary>The compact JSON of the row, or the reason the API would refuse it whatever the chunk.</summary>
    public PendingRow Encode(long position, T row, out string? refusal)
    {
        var (json, key) = EncodeCore(row, keyFields, out refusal);
        return new PendingRow(position, json, key);
    }

    protected abstract (byte[] Json, ItemIdentity? Key) EncodeCore(T row, KeyFields fields, out string? refusal);

    protected static string? RefusalOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? null : $"a row must be a JSON object, not {element.ValueKind.ToString().ToLowerInvariant()}";
}

internal sealed class JsonElementEncoder(KeyFields keyFields) : RowEncoder<JsonElement>(keyFields)
{
    protected override (byte[] Json, ItemIdentity? Key) EncodeCore(JsonElement row, KeyFields fields, out string? refusal)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Escaped only where JSON must be: the default encoder writes a quote in a string as 6 bytes, CJK as 6.
        using (var writer = new Utf8JsonWriter(buffer, MinimalJsonEscaping.WriterOptions))
        {
            row.WriteTo(writer);
        }
        refusal = RefusalOf(row);
        return (buffer.WrittenSpan.ToArray(), refusal is null ? fields.KeyOf(row) : null);
    }
}

internal sealed class TypedRowEncoder<T>(KeyFields keyFields, JsonTypeInfo<T> typeInfo) : RowEncoder<T>(keyFields)
{
    protected override (byte[] Json, ItemIdentity? Key) EncodeCore(T row, KeyFields fields, out string? refusal)
    {
        var json = MinimalJsonEscaping.SerializeToUtf8Bytes(row, typeInfo);
        using var document = JsonDocument.Parse(json);
        refusal = RefusalOf(document.RootElement);
        return (json, refusal is null ? fields.KeyOf(document.RootElement) : null);
    }
}
