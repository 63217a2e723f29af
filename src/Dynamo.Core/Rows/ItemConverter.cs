using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Datasets.Schemas;

namespace Dynamo.Core.Rows;

/// <summary>
/// Turns a row (a JSON object) into a DynamoDB item, its fields as top-level attributes, and on the way
/// finds everything DynamoDB would refuse: numbers it cannot hold, nesting over 32 levels, empty
/// attribute names, text that is not Unicode; and what we refuse: field names starting with '_' (ours),
/// duplicate names (which one would be stored?). Also sizes the item as DynamoDB does.
/// One converter serves the rows of one request: values that repeat from row to row (booleans, null, the
/// strings a schema enumerates) share one attribute value there, which the SDK only reads.
/// </summary>
internal sealed class ItemConverter
{
    private readonly IReadOnlyList<SchemaProperty> _knownFields;
    private readonly AttributeValue?[]?[] _enumValues;
    private AttributeValue? _true, _false, _null;

    /// <param name="knownFields">Field names the schema declares: reused rather than allocated for every row.</param>
    public ItemConverter(IReadOnlyList<SchemaProperty> knownFields)
    {
        _knownFields = knownFields;
        _enumValues = new AttributeValue?[]?[knownFields.Count];
    }

    /// <summary>The item's attributes; <paramref name="bytes"/> is their DynamoDB size.</summary>
    public Dictionary<string, AttributeValue> Convert(JsonElement row, List<string> errors, out int bytes)
    {
        var item = new Dictionary<string, AttributeValue>(row.GetPropertyCount() + 4, StringComparer.Ordinal);
        bytes = 0;
        var next = 0;
        foreach (var property in row.EnumerateObject())
        {
            var path = FieldPath.Row.Property(property);
            var known = KnownField(property, next);
            if (known >= 0) next = known + 1;
            string name;
            int nameBytes;
            if (known >= 0)
            {
                name = _knownFields[known].Name;
                nameBytes = _knownFields[known].Utf8Name.Length;
            }
            else if (!Name(property, FieldPath.Row, errors, out name, out nameBytes))
            {
                continue;
            }
            if (SystemAttributes.IsSystem(name))
            {
                errors.Add($"{name}: field names must not start with _ (Dynamo's own attributes do)");
                continue;
            }
            var value = (known >= 0 ? EnumeratedString(known, property.Value, ref bytes) : null)
                ?? Convert(property.Value, 2, path, errors, ref bytes);
            bytes += nameBytes;
            if (value is not null && !item.TryAdd(name, value)) errors.Add($"{path}: the field appears more than once");
        }
        return item;
    }

    /// <summary>The shared attribute value of a string the field's schema enumerates, or null.</summary>
    private AttributeValue? EnumeratedString(int field, JsonElement value, ref int bytes)
    {
        if (value.ValueKind != JsonValueKind.String || _knownFields[field].Schema?.EnumStrings is not { } strings) return null;
        var raw = JsonStringBytes.Raw(value);
        for (var i = 0; i < strings.Length; i++)
        {
            if (!raw.SequenceEqual(strings[i].Utf8)) continue;
            var shared = _enumValues[field] ??= new AttributeValue?[strings.Length];
            bytes += raw.Length;
            return shared[i] ??= new AttributeValue { S = strings[i].Text };
        }
        return null;
    }

    /// <param name="level">The nesting level a map or list here would have: the row itself is level 1.</param>
    private AttributeValue? Convert(JsonElement value, int level, FieldPath path, List<string> errors, ref int bytes)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                if (!JsonStringBytes.TryGetString(value, out var text))
                {
                    errors.Add($"{path}: not valid Unicode text (a lone surrogate escape)");
                    return null;
                }
                bytes += Utf8Length(value, text);
                return new AttributeValue { S = text };
            case JsonValueKind.Number:
                var raw = JsonMarshal.GetRawUtf8Value(value);
                if (DecimalNumber.IsShortCanonical(raw, out var significantDigits))
                {
                    bytes += DynamoDbLimits.NumberBytes(significantDigits);
                    return new AttributeValue { N = Encoding.ASCII.GetString(raw) };
                }
                if (!DecimalNumber.TryParse(raw, out var number))
                    throw new ArgumentException("The JSON reader let through a number that is not JSON.", nameof(value));
                if (DynamoDbLimits.NumberProblem(number) is { } problem)
                {
                    errors.Add($"{path}: {problem}");
                    return null;
                }
                bytes += DynamoDbLimits.NumberBytes(number);
                return new AttributeValue { N = number.ToString() };
            case JsonValueKind.True:
                bytes += DynamoDbLimits.ScalarBytes;
                return _true ??= new AttributeValue { BOOL = true };
            case JsonValueKind.False:
                bytes += DynamoDbLimits.ScalarBytes;
                return _false ??= new AttributeValue { BOOL = false };
            case JsonValueKind.Null:
                bytes += DynamoDbLimits.ScalarBytes;
                return _null ??= new AttributeValue { NULL = true };
            case JsonValueKind.Object:
                return TooDeep(level, path, errors) ? null : Map(value, level, path, errors, ref bytes);
            case JsonValueKind.Array:
                return TooDeep(level, path, errors) ? null : List(value, level, path, errors, ref bytes);
            default:
                throw new ArgumentException($"Unexpected JSON value kind {value.ValueKind}.", nameof(value));
        }
    }

    private AttributeValue Map(JsonElement value, int level, FieldPath path, List<string> errors, ref int bytes)
    {
        var map = new Dictionary<string, AttributeValue>(value.GetPropertyCount(), StringComparer.Ordinal);
        bytes += DynamoDbLimits.ContainerBytes;
        foreach (var property in value.EnumerateObject())
        {
            var childPath = path.Property(property);
            if (!Name(property, path, errors, out var name, out var nameBytes)) continue;
            bytes += DynamoDbLimits.ElementBytes + nameBytes;
            var child = Convert(property.Value, level + 1, childPath, errors, ref bytes);
            if (child is not null && !map.TryAdd(name, child)) errors.Add($"{childPath}: the field appears more than once");
        }
        // SDK v4 leaves collections null unless set; an assigned empty map still counts as set.
        return new AttributeValue { M = map };
    }

    private AttributeValue List(JsonElement value, int level, FieldPath path, List<string> errors, ref int bytes)
    {
        var list = new List<AttributeValue>(value.GetArrayLength());
        bytes += DynamoDbLimits.ContainerBytes;
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            bytes += DynamoDbLimits.ElementBytes;
            if (Convert(element, level + 1, path.Item(index++), errors, ref bytes) is { } child) list.Add(child);
        }
        return new AttributeValue { L = list };
    }

    private static bool TooDeep(int level, FieldPath path, List<string> errors)
    {
        if (level <= DynamoDbLimits.MaxNestingLevels) return false;
        errors.Add($"{path}: nested deeper than {DynamoDbLimits.MaxNestingLevels} levels (DynamoDB's limit)");
        return true;
    }

    /// <summary>Looks from <paramref name="next"/> on first: rows tend to list their fields in the schema's order.</summary>
    private int KnownField(JsonProperty property, int next)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        for (var n = 0; n < _knownFields.Count; n++)
        {
            var i = (next + n) % _knownFields.Count;
            if (_knownFields[i].Name.Length > 0 && raw.SequenceEqual(_knownFields[i].Utf8Name)) return i;
        }
        return -1;
    }

    private static bool Name(JsonProperty property, FieldPath parent, List<string> errors, out string name, out int utf8Bytes)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        utf8Bytes = raw.Length;
        try
        {
            name = property.Name;
        }
        catch (InvalidOperationException)
        {
            name = "";
            errors.Add($"{parent}: a field name is not valid Unicode text (a lone surrogate escape)");
            return false;
        }
        if (raw.Contains((byte)'\\')) utf8Bytes = Encoding.UTF8.GetByteCount(name);
        if (name.Length > 0) return true;
        errors.Add($"{parent}: field names must not be empty");
        return false;
    }

    private static int Utf8Length(JsonElement value, string text)
    {
        var raw = JsonStringBytes.Raw(value);
        return raw.Contains((byte)'\\') ? Encoding.UTF8.GetByteCount(text) : raw.Length;
    }
}
