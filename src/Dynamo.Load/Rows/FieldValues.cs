using System.Globalization;
using System.Text.Json;
using Dynamo.Core.Rows;

namespace Dynamo.Load.Rows;

/// <summary>
/// Values for a dataset's other fields, read off its JSON Schema: an enum or const member, a date-time, a number
/// or integer within its bounds, a string within its lengths, a boolean. Optional fields the schema constrains
/// in ways these cannot follow (a pattern, an object) are left out; a required one stops the run before it starts.
/// </summary>
internal sealed class FieldValues
{
    private delegate void FieldWriter(Utf8JsonWriter writer, ref RowRandom random);

    private readonly List<(string Name, FieldWriter Write)> fields = [];
    private readonly DateTimeOffset origin;

    private FieldValues(DateTimeOffset origin) => this.origin = origin;

    /// <exception cref="LoadSetupException">A required field whose values cannot be made.</exception>
    public static FieldValues For(string dataset, JsonElement schema, IReadOnlyCollection<string> keyFields, DateTimeOffset origin)
    {
        var values = new FieldValues(origin);
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            return values;
        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(name => name.GetString()).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var property in properties.EnumerateObject())
        {
            if (keyFields.Contains(property.Name)) continue;
            if (values.WriterFor(property.Value) is { } writer)
                values.fields.Add((property.Name, writer));
            else if (required.Contains(property.Name))
                throw new LoadSetupException($"Dataset '{dataset}': cannot make values for the required field '{property.Name}' (its schema is {property.Value.GetRawText()}).");
        }
        return values;
    }

    public void Write(Utf8JsonWriter writer, ref RowRandom random)
    {
        foreach (var (name, write) in fields)
        {
            writer.WritePropertyName(name);
            write(writer, ref random);
        }
    }

    private FieldWriter? WriterFor(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return null;
        if (schema.TryGetProperty("const", out var constant))
            return (Utf8JsonWriter writer, ref RowRandom _) => constant.WriteTo(writer);
        if (schema.TryGetProperty("enum", out var members) && members.ValueKind == JsonValueKind.Array && members.GetArrayLength() > 0)
        {
            var choices = members.EnumerateArray().ToArray();
            return (Utf8JsonWriter writer, ref RowRandom random) => choices[random.Below(choices.Length)].WriteTo(writer);
        }
        var type = schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        return type switch
        {
            "string" when format == "date-time" => DateTime,
            "string" when format is null && !schema.TryGetProperty("pattern", out _) => Text(schema),
            "number" => Number(schema, scale: 100),
            "integer" => Number(schema, scale: 1),
            "boolean" => (Utf8JsonWriter writer, ref RowRandom random) => writer.WriteBooleanValue(random.Below(2) == 1),
            _ => null,
        };
    }

    /// <summary>Within the day before the run started, to the millisecond, in the UTC form Dynamo writes.</summary>
    private void DateTime(Utf8JsonWriter writer, ref RowRandom random) =>
        writer.WriteStringValue(RowPreparer.FormatUtc(origin.AddMilliseconds(-random.Below(86_400_000))));

    private static FieldWriter Text(JsonElement schema)
    {
        var min = Bound(schema, "minLength") is { } low ? (int)low : 0;
        var max = Bound(schema, "maxLength") is { } high ? (int)high : int.MaxValue;
        return (Utf8JsonWriter writer, ref RowRandom random) =>
        {
            var text = "v" + random.Next().ToString("x12", CultureInfo.InvariantCulture)[..12];
            if (text.Length < min) text = text.PadRight(min, 'x');
            if (text.Length > max) text = text[..max];
            writer.WriteStringValue(text);
        };
    }

    /// <summary>A number in [minimum, maximum] (exclusive bounds kept out) with <paramref name="scale"/> steps per unit.</summary>
    private static FieldWriter Number(JsonElement schema, int scale)
    {
        var step = 1m / scale;
        var low = Bound(schema, "minimum") ?? (Bound(schema, "exclusiveMinimum") is { } xmin ? xmin + step : (decimal?)null);
        var high = Bound(schema, "maximum") ?? (Bound(schema, "exclusiveMaximum") is { } xmax ? xmax - step : (decimal?)null);
        var from = Math.Ceiling((low ?? (high is { } h ? h - 1000 : 0)) * scale);
        var to = Math.Floor((high ?? from / scale + 1000) * scale);
        var span = (long)Math.Max(0, to - from) + 1;
        return (Utf8JsonWriter writer, ref RowRandom random) => writer.WriteNumberValue((from + random.Below(span)) / scale);
    }

    private static decimal? Bound(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ? number : null;
}
