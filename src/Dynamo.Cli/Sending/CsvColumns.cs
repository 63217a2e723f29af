using System.Text.Json;
using Dynamo.Cli.Commands;

namespace Dynamo.Cli.Sending;

/// <summary>
/// A CSV header read against the dataset's JSON Schema: each column becomes the property of its name, its cells
/// typed as the schema's <c>properties.NAME.type</c> says. A cell that does not read as that type is sent as the
/// string it is, so the API rejects it with the schema's own message ("amount: expected number") and one place,
/// the server, owns validation. Columns the schema does not declare stay strings: guessing a type would turn
/// "00123" into 123.
/// </summary>
internal sealed class CsvColumns
{
    private readonly JsonEncodedText[] names;
    private readonly CellTypes[] types;

    private CsvColumns(JsonEncodedText[] names, CellTypes[] types)
    {
        this.names = names;
        this.types = types;
    }

    public int Count => names.Length;

    /// <exception cref="UsageException">A column name is empty or appears twice.</exception>
    public static CsvColumns Read(IReadOnlyList<string> header, JsonElement schema)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new JsonEncodedText[header.Count];
        var types = new CellTypes[header.Count];
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i];
            if (name.Length == 0)
                throw new UsageException($"Column {i + 1} of the CSV header has no name: every column names the field its cells go to.");
            if (!seen.Add(name))
                throw new UsageException($"The CSV header names column '{name}' twice: a row can hold a field once.");
            names[i] = JsonEncodedText.Encode(name);
            types[i] = DeclaredTypes(schema, name);
        }
        return new CsvColumns(names, types);
    }

    /// <summary>Writes one record as a JSON object; an empty cell is an absent field.</summary>
    /// <exception cref="ArgumentException">A cell is not valid UTF-8.</exception>
    public void WriteRow(Utf8JsonWriter writer, Func<int, ReadOnlySpan<byte>> cell)
    {
        writer.WriteStartObject();
        for (var i = 0; i < names.Length; i++)
        {
            var value = cell(i);
            if (value.IsEmpty)
                continue;
            writer.WritePropertyName(names[i]);
            WriteCell(writer, value, types[i]);
        }
        writer.WriteEndObject();
    }

    private static void WriteCell(Utf8JsonWriter writer, ReadOnlySpan<byte> cell, CellTypes types)
    {
        if (types != CellTypes.String)
        {
            if (types.HasFlag(CellTypes.Boolean) && (cell.SequenceEqual("TRUE"u8) || cell.SequenceEqual("True"u8)))
            {
                writer.WriteBooleanValue(true);
                return;
            }
            if (types.HasFlag(CellTypes.Boolean) && (cell.SequenceEqual("FALSE"u8) || cell.SequenceEqual("False"u8)))
            {
                writer.WriteBooleanValue(false);
                return;
            }
            if (JsonValueOf(cell) is { } kind && types.HasFlag(kind))
            {
                writer.WriteRawValue(cell, skipInputValidation: true);
                return;
            }
        }
        writer.WriteStringValue(cell);
    }

    /// <summary>The kind of the JSON value the whole cell is, or null when it is not exactly one JSON value.</summary>
    private static CellTypes? JsonValueOf(ReadOnlySpan<byte> cell)
    {
        var reader = new Utf8JsonReader(cell);
        try
        {
            if (!reader.Read())
                return null;
            var kind = reader.TokenType switch
            {
                JsonTokenType.Number => CellTypes.Number,
                JsonTokenType.True or JsonTokenType.False => CellTypes.Boolean,
                JsonTokenType.StartObject => CellTypes.Object,
                JsonTokenType.StartArray => CellTypes.Array,
                _ => CellTypes.String,
            };
            if (kind == CellTypes.String)
                return null;
            reader.Skip();
            // Anything after the value ("12 apples") makes the cell text.
            return reader.Read() ? null : kind;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The types <c>properties.NAME.type</c> allows (a name or a list of names); string when it says none.</summary>
    private static CellTypes DeclaredTypes(JsonElement schema, string name)
    {
        if (schema.ValueKind != JsonValueKind.Object
            || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || !properties.TryGetProperty(name, out var property) || property.ValueKind != JsonValueKind.Object
            || !property.TryGetProperty("type", out var type))
            return CellTypes.String;
        var types = CellTypes.None;
        foreach (var value in type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().ToArray() : [type])
        {
            types |= value.ValueKind != JsonValueKind.String ? CellTypes.None : value.GetString() switch
            {
                "number" or "integer" => CellTypes.Number,
                "boolean" => CellTypes.Boolean,
                "object" => CellTypes.Object,
                "array" => CellTypes.Array,
                _ => CellTypes.None,
            };
        }
        // A cell that matches none of the declared types is sent as text (for the server to judge).
        return types == CellTypes.None ? CellTypes.String : types | CellTypes.String;
    }

    [Flags]
    private enum CellTypes
    {
        None = 0,
        String = 1,
        Number = 2,
        Boolean = 4,
        Object = 8,
        Array = 16,
    }
}
