using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Dynamo.Core.Datasets.Schemas;

namespace Dynamo.Core.Rows;

/// <summary>
/// Writes a row (a JSON object) as a DynamoDB item in DynamoDB's JSON, its fields as top-level attributes,
/// and on the way finds everything DynamoDB would refuse: numbers it cannot hold, nesting over 32 levels,
/// empty attribute names, text that is not Unicode; and what we refuse: field names starting with '_'
/// (ours), duplicate names (which one would be stored?). Also sizes the item as DynamoDB does.
/// </summary>
/// <remarks>
/// Strings and names are copied as the request spells them, escapes included: both sides read JSON, and
/// the reader has already checked the bytes. One converter serves the rows of one request.
/// </remarks>
internal sealed class ItemConverter
{
    private readonly bool[] _seenKnown;
    private readonly HashSet<string> _seenOther = new(StringComparer.Ordinal);

    /// <param name="maxNames">How many names a row's field list knows (<see cref="RowFieldList.MaxNamesOf"/>).</param>
    public ItemConverter(int maxNames) => _seenKnown = new bool[maxNames];

    /// <summary>
    /// Writes the row's fields as <c>"name":{"S":"value"}</c>, comma-separated, without the item's braces.
    /// Top-level string fields named in <paramref name="replacedStrings"/> are written with the replacement
    /// (normalised key values). Returns how many fields were written; <paramref name="bytes"/> is their DynamoDB size.
    /// </summary>
    public int WriteFields(
        RowFieldList row, ReadOnlySpan<KeyValuePair<string, string>> replacedStrings, IBufferWriter<byte> output, List<string> errors, out int bytes)
    {
        Array.Clear(_seenKnown);
        _seenOther.Clear();
        bytes = 0;
        var written = 0;
        for (var i = 0; i < row.Count; i++)
        {
            var property = row.Fields[i];
            var id = row.NameIds[i];
            string name;
            int nameBytes;
            if (id >= 0)
            {
                var known = row.Name(id);
                name = known.Name;
                nameBytes = known.Utf8.Length;
            }
            else if (Name(property, FieldPath.Row, errors, out name, out nameBytes))
            {
                // An escaped spelling of a known name is that name, to find it twice in one row.
                id = row.IdOf(name);
            }
            else
            {
                continue;
            }
            var path = FieldPath.Row.Property(property);
            if (nameBytes > DynamoDbLimits.MaxAttributeNameBytes)
            {
                // DynamoDB would refuse the whole batch of 25; the name itself, as long as it is, stays out of the message.
                errors.Add($"row: a field name is {nameBytes:N0} bytes, over DynamoDB's limit of 64 KB ({DynamoDbLimits.MaxAttributeNameBytes:N0} bytes) for an attribute name");
                continue;
            }
            if (SystemAttributes.IsSystem(name))
            {
                errors.Add($"{name}: field names must not start with _ (Dynamo's own attributes do)");
                continue;
            }
            WriteName(property, written++ > 0, output);
            var errorsBefore = errors.Count;
            if (Replacement(name, replacedStrings) is { } replaced)
            {
                Write(output, "{\"S\":\""u8, Encoding.UTF8.GetBytes(replaced), "\"}"u8);
                bytes += Encoding.UTF8.GetByteCount(replaced);
            }
            else
            {
                WriteValue(property.Value, 2, path, output, errors, ref bytes);
            }
            // A second value DynamoDB could store is the conflict; a refused one has said why already.
            if (errors.Count == errorsBefore && !FirstTime(id, name)) errors.Add($"{path}: the field appears more than once");
            bytes += nameBytes;
        }
        return written;
    }

    private bool FirstTime(int id, string name)
    {
        if (id < 0) return _seenOther.Add(name);
        if (_seenKnown[id]) return false;
        _seenKnown[id] = true;
        return true;
    }

    /// <param name="level">The nesting level a map or list here would have: the row itself is level 1.</param>
    private static void WriteValue(JsonElement value, int level, FieldPath path, IBufferWriter<byte> output, List<string> errors, ref int bytes)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var raw = JsonStringBytes.Raw(value);
                if (raw.Contains((byte)'\\'))
                {
                    if (!JsonStringBytes.TryGetString(value, out var text))
                    {
                        errors.Add($"{path}: not valid Unicode text (a lone surrogate escape)");
                        return;
                    }
                    bytes += Encoding.UTF8.GetByteCount(text);
                }
                else
                {
                    bytes += raw.Length;
                }
                Write(output, "{\"S\":\""u8, raw, "\"}"u8);
                return;
            case JsonValueKind.Number:
                var digits = JsonMarshal.GetRawUtf8Value(value);
                if (DecimalNumber.IsShortCanonical(digits, out var significantDigits))
                {
                    bytes += DynamoDbLimits.NumberBytes(significantDigits);
                    Write(output, "{\"N\":\""u8, digits, "\"}"u8);
                    return;
                }
                if (!DecimalNumber.TryParse(digits, out var number))
                    throw new ArgumentException("The JSON reader let through a number that is not JSON.", nameof(value));
                if (DynamoDbLimits.NumberProblem(number) is { } problem)
                {
                    errors.Add($"{path}: {problem}");
                    return;
                }
                bytes += DynamoDbLimits.NumberBytes(number);
                Write(output, "{\"N\":\""u8, Encoding.ASCII.GetBytes(number.ToString()), "\"}"u8);
                return;
            case JsonValueKind.True:
                bytes += DynamoDbLimits.ScalarBytes;
                output.Write("""{"BOOL":true}"""u8);
                return;
            case JsonValueKind.False:
                bytes += DynamoDbLimits.ScalarBytes;
                output.Write("""{"BOOL":false}"""u8);
                return;
            case JsonValueKind.Null:
                bytes += DynamoDbLimits.ScalarBytes;
                output.Write("""{"NULL":true}"""u8);
                return;
            case JsonValueKind.Object:
                if (!TooDeep(level, path, errors)) WriteMap(value, level, path, output, errors, ref bytes);
                return;
            case JsonValueKind.Array:
                if (!TooDeep(level, path, errors)) WriteList(value, level, path, output, errors, ref bytes);
                return;
            default:
                throw new ArgumentException($"Unexpected JSON value kind {value.ValueKind}.", nameof(value));
        }
    }

    private static void WriteMap(JsonElement value, int level, FieldPath path, IBufferWriter<byte> output, List<string> errors, ref int bytes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        bytes += DynamoDbLimits.ContainerBytes;
        output.Write("""{"M":{"""u8);
        foreach (var property in value.EnumerateObject())
        {
            var childPath = path.Property(property);
            if (!Name(property, path, errors, out var name, out var nameBytes)) continue;
            if (!names.Add(name))
            {
                errors.Add($"{childPath}: the field appears more than once");
                continue;
            }
            bytes += DynamoDbLimits.ElementBytes + nameBytes;
            WriteName(property, names.Count > 1, output);
            WriteValue(property.Value, level + 1, childPath, output, errors, ref bytes);
        }
        output.Write("}}"u8);
    }

    private static void WriteList(JsonElement value, int level, FieldPath path, IBufferWriter<byte> output, List<string> errors, ref int bytes)
    {
        bytes += DynamoDbLimits.ContainerBytes;
        output.Write("""{"L":["""u8);
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            bytes += DynamoDbLimits.ElementBytes;
            if (index > 0) output.Write(","u8);
            WriteValue(element, level + 1, path.Item(index++), output, errors, ref bytes);
        }
        output.Write("]}"u8);
    }

    private static bool TooDeep(int level, FieldPath path, List<string> errors)
    {
        if (level <= DynamoDbLimits.MaxNestingLevels) return false;
        errors.Add($"{path}: nested deeper than {DynamoDbLimits.MaxNestingLevels} levels (DynamoDB's limit)");
        return true;
    }

    private static string? Replacement(string name, ReadOnlySpan<KeyValuePair<string, string>> replacedStrings)
    {
        foreach (var (replacedName, replacement) in replacedStrings)
            if (replacedName == name) return replacement;
        return null;
    }

    private static void WriteName(JsonProperty property, bool afterAnother, IBufferWriter<byte> output) =>
        Write(output, afterAnother ? ",\""u8 : "\""u8, JsonMarshal.GetRawUtf8PropertyName(property), "\":"u8);

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> before, ReadOnlySpan<byte> content, ReadOnlySpan<byte> after)
    {
        var span = output.GetSpan(before.Length + content.Length + after.Length);
        before.CopyTo(span);
        content.CopyTo(span[before.Length..]);
        after.CopyTo(span[(before.Length + content.Length)..]);
        output.Advance(before.Length + content.Length + after.Length);
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
}
