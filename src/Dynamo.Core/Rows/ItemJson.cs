using System.Buffers;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.Core.Rows;

/// <summary>
/// A DynamoDB item as plain JSON (the inverse of the row conversion): S as strings, N as exact numbers,
/// BOOL, NULL, M as objects, L as arrays; sets (which rows never produce) as arrays, binary as base64.
/// A map's entries come out in ordinal order of their names: DynamoDB keeps no order in a map, and the same
/// item should always read as the same text.
/// </summary>
public static class ItemJson
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, AttributeValue> item, bool includeSystemAttributes = true)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in item)
        {
            if (!includeSystemAttributes && SystemAttributes.IsSystem(name)) continue;
            writer.WritePropertyName(name);
            Write(writer, value);
        }
        writer.WriteEndObject();
    }

    public static string ToJson(IReadOnlyDictionary<string, AttributeValue> item, bool includeSystemAttributes = true)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
            Write(writer, item, includeSystemAttributes);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>The row fields of an item (system attributes left out) as a JSON element.</summary>
    public static JsonElement ToRow(IReadOnlyDictionary<string, AttributeValue> item)
    {
        using var document = JsonDocument.Parse(ToJson(item, includeSystemAttributes: false));
        return document.RootElement.Clone();
    }

    public static void Write(Utf8JsonWriter writer, AttributeValue value)
    {
        if (value.S is not null) writer.WriteStringValue(value.S);
        else if (value.N is not null) writer.WriteRawValue(DecimalNumber.Parse(value.N).ToString(), skipInputValidation: true);
        else if (value.BOOL is { } b) writer.WriteBooleanValue(b);
        else if (value.NULL == true) writer.WriteNullValue();
        else if (value.M is not null) WriteMap(writer, value.M);
        else if (value.L is not null) WriteArray(writer, value.L, Write);
        else if (value.SS is not null) WriteArray(writer, value.SS, (w, s) => w.WriteStringValue(s));
        else if (value.NS is not null) WriteArray(writer, value.NS, (w, n) => w.WriteRawValue(DecimalNumber.Parse(n).ToString(), skipInputValidation: true));
        else if (value.B is not null) writer.WriteBase64StringValue(value.B.ToArray());
        else if (value.BS is not null) WriteArray(writer, value.BS, (w, b) => w.WriteBase64StringValue(b.ToArray()));
        else throw new ArgumentException("The attribute value has no type set.", nameof(value));
    }

    private static void WriteMap(Utf8JsonWriter writer, Dictionary<string, AttributeValue> map)
    {
        writer.WriteStartObject();
        foreach (var name in map.Keys.Order(StringComparer.Ordinal))
        {
            writer.WritePropertyName(name);
            Write(writer, map[name]);
        }
        writer.WriteEndObject();
    }

    private static void WriteArray<T>(Utf8JsonWriter writer, List<T> values, Action<Utf8JsonWriter, T> write)
    {
        writer.WriteStartArray();
        foreach (var value in values) write(writer, value);
        writer.WriteEndArray();
    }
}
