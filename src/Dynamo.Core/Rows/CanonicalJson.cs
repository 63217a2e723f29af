using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Dynamo.Core.Rows;

/// <summary>
/// Canonical JSON (docs/datasets.md): object keys sorted by UTF-16 code units and strings escaped as
/// RFC 8785 says, no whitespace, numbers as exact decimals (<see cref="DecimalNumber"/>), never through a double.
/// </summary>
public static class CanonicalJson
{
    public static string Serialize(JsonElement value)
    {
        var output = new ArrayBufferWriter<byte>();
        Write(value, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    public static string Serialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Serialize(document.RootElement);
    }

    /// <summary>Lowercase hex SHA-256 of the canonical JSON.</summary>
    public static string Hash(JsonElement value)
    {
        var output = new ArrayBufferWriter<byte>();
        Write(value, output);
        return Hash(output.WrittenSpan);
    }

    public static string Hash(ReadOnlySpan<byte> canonical)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonical, hash);
        return Convert.ToHexStringLower(hash);
    }

    public static void Write(JsonElement value, IBufferWriter<byte> output) => Write(value, output, []);

    /// <summary>
    /// Writes <paramref name="row"/> with some top-level string fields replaced (normalised key values),
    /// so the canonical form describes the row as it is stored.
    /// </summary>
    public static void Write(JsonElement row, IBufferWriter<byte> output, ReadOnlySpan<KeyValuePair<string, string>> replacedStrings)
    {
        switch (row.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(row, output, replacedStrings);
                break;
            case JsonValueKind.Array:
                output.Write("["u8);
                var first = true;
                foreach (var item in row.EnumerateArray())
                {
                    if (!first) output.Write(","u8);
                    first = false;
                    Write(item, output, []);
                }
                output.Write("]"u8);
                break;
            case JsonValueKind.String:
                WriteString(row, output);
                break;
            case JsonValueKind.Number:
                WriteNumber(JsonMarshal.GetRawUtf8Value(row), output);
                break;
            case JsonValueKind.True:
                output.Write("true"u8);
                break;
            case JsonValueKind.False:
                output.Write("false"u8);
                break;
            case JsonValueKind.Null:
                output.Write("null"u8);
                break;
            default:
                throw new ArgumentException($"Cannot write a {row.ValueKind} as JSON.", nameof(row));
        }
    }

    /// <summary>Writes a row from its fields as <see cref="RowFieldList"/> read them, in the order of the row before when they share it.</summary>
    internal static void WriteRow(RowFieldList row, IBufferWriter<byte> output, ReadOnlySpan<KeyValuePair<string, string>> replacedStrings, FieldOrderCache rowOrder)
    {
        var order = ArrayPool<NameOrder>.Shared.Rent(row.Count);
        try
        {
            var sorted = order.AsSpan(0, row.Count);
            if (!rowOrder.TryReuse(row.NameIds, sorted))
            {
                Sort(row.FieldArray, sorted);
                rowOrder.Remember(row.NameIds, sorted);
            }
            WriteSorted(row.FieldArray, sorted, output, replacedStrings);
        }
        finally
        {
            ArrayPool<NameOrder>.Shared.Return(order);
        }
    }

    private static void WriteObject(JsonElement value, IBufferWriter<byte> output, ReadOnlySpan<KeyValuePair<string, string>> replacedStrings)
    {
        var count = value.GetPropertyCount();
        var properties = ArrayPool<JsonProperty>.Shared.Rent(count);
        var order = ArrayPool<NameOrder>.Shared.Rent(count);
        try
        {
            var n = 0;
            foreach (var property in value.EnumerateObject()) properties[n++] = property;
            var sorted = order.AsSpan(0, n);
            Sort(properties, sorted);
            WriteSorted(properties, sorted, output, replacedStrings);
        }
        finally
        {
            ArrayPool<JsonProperty>.Shared.Return(properties, clearArray: true);
            ArrayPool<NameOrder>.Shared.Return(order);
        }
    }

    /// <param name="properties">The object's fields: its first <c>sorted.Length</c> entries.</param>
    private static void WriteSorted(
        JsonProperty[] properties, ReadOnlySpan<NameOrder> sorted, IBufferWriter<byte> output, ReadOnlySpan<KeyValuePair<string, string>> replacedStrings)
    {
        output.Write("{"u8);
        for (var i = 0; i < sorted.Length; i++)
        {
            var property = properties[sorted[i].Index];
            if (i > 0) output.Write(","u8);
            WritePropertyName(property, output);
            output.Write(":"u8);
            if (Replacement(property, replacedStrings) is { } replaced) WriteString(replaced, output);
            else Write(property.Value, output, []);
        }
        output.Write("}"u8);
    }

    private static void Sort(JsonProperty[] properties, Span<NameOrder> order)
    {
        var allPlain = true;
        for (var i = 0; i < order.Length; i++) order[i] = NameOrder.Of(properties[i], i, ref allPlain);
        if (allPlain) order.Sort(new PlainNameComparer(properties));
        else order.Sort((a, b) => string.CompareOrdinal(properties[a.Index].Name, properties[b.Index].Name));
    }

    private readonly struct PlainNameComparer(JsonProperty[] properties) : IComparer<NameOrder>
    {
        public int Compare(NameOrder x, NameOrder y) => x.CompareTo(y, properties);
    }

    /// <summary>
    /// Sorting by UTF-16 code units, fast: for ASCII names written without escapes, byte order is UTF-16
    /// order, and the first 8 bytes as a big-endian number decide almost every comparison.
    /// </summary>
    internal readonly record struct NameOrder(ulong Prefix, int Index)
    {
        public static NameOrder Of(JsonProperty property, int index, ref bool allPlain)
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.Contains((byte)'\\') || !Ascii.IsValid(raw)) allPlain = false;
            Span<byte> prefix = stackalloc byte[8];
            prefix.Clear();
            raw[..Math.Min(8, raw.Length)].CopyTo(prefix);
            return new NameOrder(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(prefix), index);
        }

        public int CompareTo(NameOrder other, JsonProperty[] properties)
        {
            var byPrefix = Prefix.CompareTo(other.Prefix);
            return byPrefix != 0
                ? byPrefix
                : JsonMarshal.GetRawUtf8PropertyName(properties[Index]).SequenceCompareTo(JsonMarshal.GetRawUtf8PropertyName(properties[other.Index]));
        }
    }

    private static string? Replacement(JsonProperty property, ReadOnlySpan<KeyValuePair<string, string>> replacedStrings)
    {
        foreach (var (name, replacement) in replacedStrings)
            if (property.NameEquals(name)) return replacement;
        return null;
    }

    private static void WritePropertyName(JsonProperty property, IBufferWriter<byte> output)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (!raw.Contains((byte)'\\')) WriteQuoted(raw, output);
        else WriteString(property.Name, output);
    }

    private static void WriteString(JsonElement value, IBufferWriter<byte> output)
    {
        // JSON forbids raw control characters and quotes inside strings, so an unescaped string is already canonical.
        var raw = JsonStringBytes.Raw(value);
        if (!raw.Contains((byte)'\\')) WriteQuoted(raw, output);
        else WriteString(value.GetString()!, output);
    }

    private static void WriteQuoted(ReadOnlySpan<byte> raw, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(raw.Length + 2);
        span[0] = (byte)'"';
        raw.CopyTo(span[1..]);
        span[raw.Length + 1] = (byte)'"';
        output.Advance(raw.Length + 2);
    }

    /// <summary>RFC 8785 section 3.2.2.2: escape only '"', '\' and control characters, short forms where JSON has them.</summary>
    public static void WriteString(string value, IBufferWriter<byte> output)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4")); break;
                default: builder.Append(c); break;
            }
        }
        builder.Append('"');
        var text = builder.ToString();
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static void WriteNumber(ReadOnlySpan<byte> raw, IBufferWriter<byte> output)
    {
        if (DecimalNumber.IsCanonical(raw))
        {
            output.Write(raw);
            return;
        }
        if (!DecimalNumber.TryParse(raw, out var number)) throw new ArgumentException("Not a JSON number.", nameof(raw));
        var text = number.ToString();
        var span = output.GetSpan(text.Length);
        output.Advance(Encoding.ASCII.GetBytes(text, span));
    }
}
