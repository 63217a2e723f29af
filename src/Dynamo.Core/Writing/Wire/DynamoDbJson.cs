using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.Core.Writing.Wire;

/// <summary>
/// DynamoDB's own JSON for attribute values, as the low-level API carries them: <c>{"S":"x"}</c>,
/// <c>{"N":"1.5"}</c> (a number travels as a string), <c>{"BOOL":true}</c>, <c>{"NULL":true}</c>,
/// <c>{"M":{...}}</c>, <c>{"L":[...]}</c>, and the sets and binary types (base64) that rows never produce.
/// </summary>
public static class DynamoDbJson
{
    public static void WriteItem(Utf8JsonWriter writer, IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(item);
        writer.WriteStartObject();
        foreach (var (name, value) in item)
        {
            writer.WritePropertyName(name);
            Write(writer, value);
        }
        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, AttributeValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.S is not null) writer.WriteString("S", value.S);
        else if (value.N is not null) writer.WriteString("N", value.N);
        else if (value.BOOL is { } b) writer.WriteBoolean("BOOL", b);
        else if (value.NULL == true) writer.WriteBoolean("NULL", true);
        else if (value.M is not null)
        {
            writer.WritePropertyName("M");
            WriteItem(writer, value.M);
        }
        else if (value.L is not null) WriteArray(writer, "L", value.L, Write);
        else if (value.SS is not null) WriteArray(writer, "SS", value.SS, (w, s) => w.WriteStringValue(s));
        else if (value.NS is not null) WriteArray(writer, "NS", value.NS, (w, n) => w.WriteStringValue(n));
        else if (value.B is not null) writer.WriteBase64String("B", value.B.ToArray());
        else if (value.BS is not null) WriteArray(writer, "BS", value.BS, (w, b) => w.WriteBase64StringValue(b.ToArray()));
        else throw new ArgumentException("The attribute value has no type set.", nameof(value));
        writer.WriteEndObject();
    }

    public static Dictionary<string, AttributeValue> ReadItem(JsonElement item)
    {
        var attributes = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var property in item.EnumerateObject()) attributes[property.Name] = Read(property.Value);
        return attributes;
    }

    public static AttributeValue Read(JsonElement value)
    {
        var typed = value.EnumerateObject().Single();
        var content = typed.Value;
        return typed.Name switch
        {
            "S" => new AttributeValue { S = content.GetString() },
            "N" => new AttributeValue { N = content.GetString() },
            "BOOL" => new AttributeValue { BOOL = content.GetBoolean() },
            "NULL" => new AttributeValue { NULL = content.GetBoolean() },
            "M" => new AttributeValue { M = ReadItem(content) },
            "L" => new AttributeValue { L = [.. content.EnumerateArray().Select(Read)] },
            "SS" => new AttributeValue { SS = [.. content.EnumerateArray().Select(s => s.GetString()!)] },
            "NS" => new AttributeValue { NS = [.. content.EnumerateArray().Select(n => n.GetString()!)] },
            "B" => new AttributeValue { B = new MemoryStream(content.GetBytesFromBase64()) },
            "BS" => new AttributeValue { BS = [.. content.EnumerateArray().Select(b => new MemoryStream(b.GetBytesFromBase64()))] },
            _ => throw new FormatException($"'{typed.Name}' is not a DynamoDB attribute type."),
        };
    }

    private static void WriteArray<T>(Utf8JsonWriter writer, string type, List<T> values, Action<Utf8JsonWriter, T> write)
    {
        writer.WriteStartArray(type);
        foreach (var value in values) write(writer, value);
        writer.WriteEndArray();
    }
}
