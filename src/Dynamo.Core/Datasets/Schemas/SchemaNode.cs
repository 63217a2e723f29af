using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Dynamo.Core.Rows;

namespace Dynamo.Core.Datasets.Schemas;

/// <summary>
/// One compiled (sub)schema: the keywords the row validator supports, read once from the declaration.
/// Absent keywords are null or their neutral value. <see cref="SchemaCompiler"/> builds it.
/// </summary>
internal sealed class SchemaNode
{
    private readonly SchemaValue[]? _enum;

    /// <summary>The boolean schema <c>false</c> (and "properties": {"x": false}).</summary>
    public bool RejectsAll { get; init; }
    public JsonTypes Types { get; init; } = JsonTypes.Any;
    /// <summary>Declared properties, then required names that no property declares (with a null schema).</summary>
    public SchemaProperty[] Properties { get; init; } = [];
    public int[] Required { get; init; } = [];
    public bool AdditionalProperties { get; init; } = true;
    public SchemaValue[]? Enum
    {
        get => _enum;
        init
        {
            _enum = value;
            EnumStrings = value is not null && Array.TrueForAll(value, v => v.String is not null)
                ? [.. value.Select(v => new EnumString(v.String!))]
                : null;
        }
    }
    /// <summary>The enum when it lists only strings, as UTF-8 to match without allocating.</summary>
    public EnumString[]? EnumStrings { get; private init; }
    public SchemaValue? Const { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public DecimalNumber? Minimum { get; init; }
    public DecimalNumber? Maximum { get; init; }
    public DecimalNumber? ExclusiveMinimum { get; init; }
    public DecimalNumber? ExclusiveMaximum { get; init; }
    public EcmaPattern? Pattern { get; init; }
    public bool DateTime { get; init; }
    public SchemaNode? Items { get; init; }
    public int? MinItems { get; init; }
    public int? MaxItems { get; init; }

    /// <summary>True when the numeric bounds are only lower bounds that no number from 0 up breaks.</summary>
    private bool OnlyNegativesOutOfRange =>
        Maximum is null && ExclusiveMaximum is null
        && (Minimum is not { } minimum || minimum.IsZero || minimum.Negative)
        && (ExclusiveMinimum is not { } exclusive || (exclusive.Negative && !exclusive.IsZero));

    public void Validate(JsonElement value, FieldPath path, List<string> errors)
    {
        if (!ValidateValue(value, path, errors)) return;
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                ValidateObject(value, path, errors);
                break;
            case JsonValueKind.Array:
                ValidateArray(value, path, errors);
                break;
            case JsonValueKind.String:
                ValidateString(value, path, errors);
                break;
            case JsonValueKind.Number:
                ValidateNumber(value, path, errors);
                break;
        }
    }

    /// <summary>Validates a row whose fields were read and matched against <see cref="Properties"/> already.</summary>
    public void ValidateRow(JsonElement row, RowFieldList fields, List<string> errors)
    {
        if (!ValidateValue(row, FieldPath.Row, errors) || row.ValueKind != JsonValueKind.Object) return;
        Span<bool> seen = Properties.Length <= 128 ? stackalloc bool[Properties.Length] : new bool[Properties.Length];
        for (var i = 0; i < fields.Count; i++)
        {
            // Ids past the declared properties name undeclared fields.
            var id = fields.NameIds[i];
            ValidateProperty(fields.Fields[i], id < Properties.Length ? id : -1, FieldPath.Row, seen, errors);
        }
        ValidateRequired(FieldPath.Row, seen, errors);
    }

    /// <summary>The keywords about the value as a whole; false when its type is wrong and nothing more applies.</summary>
    private bool ValidateValue(JsonElement value, FieldPath path, List<string> errors)
    {
        if (RejectsAll)
        {
            errors.Add($"{path}: not allowed");
            return false;
        }
        var kind = value.ValueKind;
        if (Types != JsonTypes.Any && !HasType(value, kind))
        {
            errors.Add($"{path}: expected {JsonTypeNames.Describe(Types)}");
            return false;
        }
        if (Enum is not null && !MatchesEnum(value))
            errors.Add($"{path}: expected one of {string.Join(", ", Enum.Select(e => e.Text))}");
        if (Const is not null && !Const.Matches(value))
            errors.Add($"{path}: expected {Const.Text}");
        return true;
    }

    private bool MatchesEnum(JsonElement value)
    {
        if (EnumStrings is { } strings && value.ValueKind == JsonValueKind.String && JsonStringBytes.TryGet(value, out var utf8))
        {
            foreach (var allowed in strings)
                if (utf8.SequenceEqual(allowed.Utf8)) return true;
            return false;
        }
        foreach (var allowed in Enum!)
            if (allowed.Matches(value)) return true;
        return false;
    }

    private bool HasType(JsonElement value, JsonValueKind kind)
    {
        var type = JsonTypeNames.Of(kind);
        if ((Types & type) != 0) return true;
        return type == JsonTypes.Number && (Types & JsonTypes.Integer) != 0
            && DecimalNumber.TryParse(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value), out var n) && n.IsInteger;
    }

    private void ValidateObject(JsonElement value, FieldPath path, List<string> errors)
    {
        Span<bool> seen = Properties.Length <= 128 ? stackalloc bool[Properties.Length] : new bool[Properties.Length];
        var next = 0;
        foreach (var property in value.EnumerateObject())
        {
            var index = IndexOf(property, next);
            if (index >= 0) next = index + 1;
            ValidateProperty(property, index, path, seen, errors);
        }
        ValidateRequired(path, seen, errors);
    }

    /// <param name="index">The property's declaration in <see cref="Properties"/>, or -1.</param>
    private void ValidateProperty(JsonProperty property, int index, FieldPath path, Span<bool> seen, List<string> errors)
    {
        if (index >= 0)
        {
            seen[index] = true;
            Properties[index].Schema?.Validate(property.Value, path.Property(property), errors);
        }
        else if (!AdditionalProperties)
        {
            errors.Add($"{path.Property(property)}: not allowed");
        }
    }

    private void ValidateRequired(FieldPath path, ReadOnlySpan<bool> seen, List<string> errors)
    {
        foreach (var required in Required)
            if (!seen[required]) errors.Add($"{path.Property(Properties[required].Name)}: required");
    }

    /// <summary>Looks from <paramref name="next"/> on first: rows tend to list their fields in the schema's order.</summary>
    public int IndexOf(JsonProperty property, int next)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property);
        var escaped = raw.Contains((byte)'\\');
        try
        {
            for (var n = 0; n < Properties.Length; n++)
            {
                var i = (next + n) % Properties.Length;
                if (escaped ? property.NameEquals(Properties[i].Utf8Name) : raw.SequenceEqual(Properties[i].Utf8Name)) return i;
            }
        }
        catch (InvalidOperationException)
        {
            // The name escapes a lone surrogate (the reader throws unescaping it): no declared name, and the
            // row's DynamoDB checks report it.
        }
        return -1;
    }

    private void ValidateArray(JsonElement value, FieldPath path, List<string> errors)
    {
        var length = value.GetArrayLength();
        if (length < MinItems) errors.Add($"{path}: expected at least {MinItems} items");
        if (length > MaxItems) errors.Add($"{path}: expected at most {MaxItems} items");
        if (Items is null) return;
        var index = 0;
        foreach (var item in value.EnumerateArray()) Items.Validate(item, path.Item(index++), errors);
    }

    private void ValidateString(JsonElement value, FieldPath path, List<string> errors)
    {
        if (MinLength is null && MaxLength is null && Pattern is null && !DateTime) return;
        // Text that is not Unicode fails the row's DynamoDB checks; the schema has nothing to say about it.
        if (!JsonStringBytes.TryGet(value, out var utf8)) return;
        if (MinLength is not null || MaxLength is not null)
        {
            // JSON Schema counts Unicode code points: every UTF-8 byte that is not a continuation byte.
            var length = utf8.Length - CountContinuationBytes(utf8);
            if (length < MinLength) errors.Add($"{path}: expected at least {MinLength} characters");
            if (length > MaxLength) errors.Add($"{path}: expected at most {MaxLength} characters");
        }
        if (Pattern is not null)
        {
            var chars = utf8.Length <= 512 ? stackalloc char[utf8.Length] : new char[utf8.Length];
            var written = Encoding.UTF8.GetChars(utf8, chars);
            if (!Pattern.IsMatch(chars[..written])) errors.Add($"{path}: expected to match {Pattern.Source}");
        }
        if (DateTime && !Rfc3339DateTime.IsValid(utf8))
            errors.Add($"{path}: expected an RFC 3339 date-time such as 2026-01-01T12:00:00Z");
    }

    private static int CountContinuationBytes(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        foreach (var b in utf8)
            if ((b & 0xC0) == 0x80) count++;
        return count;
    }

    private void ValidateNumber(JsonElement value, FieldPath path, List<string> errors)
    {
        if (Minimum is null && Maximum is null && ExclusiveMinimum is null && ExclusiveMaximum is null) return;
        var raw = JsonMarshal.GetRawUtf8Value(value);
        // "minimum": 0 and the like: the sign decides, and reading the digits would allocate them.
        if (raw[0] != '-' && OnlyNegativesOutOfRange) return;
        if (!DecimalNumber.TryParse(raw, out var number)) return;
        if (number < Minimum) errors.Add($"{path}: expected >= {Minimum}");
        if (number > Maximum) errors.Add($"{path}: expected <= {Maximum}");
        if (number <= ExclusiveMinimum) errors.Add($"{path}: expected > {ExclusiveMinimum}");
        if (number >= ExclusiveMaximum) errors.Add($"{path}: expected < {ExclusiveMaximum}");
    }
}

/// <summary>A property of an object schema; its name also as UTF-8 to match without allocating.</summary>
internal sealed record SchemaProperty(string Name, SchemaNode? Schema)
{
    public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(Name);
}

/// <summary>
/// An <c>enum</c> or <c>const</c> value, compared as JSON Schema defines equality: numbers by value (1.0
/// equals 1), objects whatever their order. Compared in place, never through text: a row's 1e999999999
/// would spell out a billion digits.
/// </summary>
internal sealed class SchemaValue(JsonElement value)
{
    private readonly JsonElement _value = value;
    private readonly string? _string = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    private readonly string _canonical = CanonicalJson.Serialize(value);

    /// <summary>The value when it is a string.</summary>
    public string? String => _string;

    /// <summary>How the value reads in an error message: strings bare, the rest as JSON.</summary>
    public string Text => _string ?? _canonical;

    public bool Matches(JsonElement value)
    {
        try
        {
            return JsonEquals(_value, value);
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escape ("\ud800") is no Unicode text, so it equals no value; the row's
            // DynamoDB checks report it (the reader throws this when it unescapes such a string or name).
            return false;
        }
    }

    private static bool JsonEquals(JsonElement schema, JsonElement row)
    {
        if (schema.ValueKind != row.ValueKind) return false;
        switch (schema.ValueKind)
        {
            case JsonValueKind.String:
                return row.ValueEquals(schema.GetString());
            case JsonValueKind.Number:
                return DecimalNumber.TryParse(JsonMarshal.GetRawUtf8Value(schema), out var expected)
                    && DecimalNumber.TryParse(JsonMarshal.GetRawUtf8Value(row), out var actual)
                    && expected == actual;
            case JsonValueKind.Array:
                if (schema.GetArrayLength() != row.GetArrayLength()) return false;
                using (var items = row.EnumerateArray().GetEnumerator())
                {
                    foreach (var item in schema.EnumerateArray())
                        if (!items.MoveNext() || !JsonEquals(item, items.Current)) return false;
                }
                return true;
            case JsonValueKind.Object:
                // Equal counts, every row field equal to the schema's, and every schema name present: a row
                // that repeats a name lacks one of the schema's.
                if (schema.GetPropertyCount() != row.GetPropertyCount()) return false;
                foreach (var property in row.EnumerateObject())
                    if (!schema.TryGetProperty(property.Name, out var field) || !JsonEquals(field, property.Value)) return false;
                foreach (var property in schema.EnumerateObject())
                    if (!row.TryGetProperty(property.Name, out _)) return false;
                return true;
            default:
                return true;
        }
    }
}

/// <summary>A string an enum allows, also as UTF-8.</summary>
internal sealed record EnumString(string Text)
{
    public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(Text);
}
