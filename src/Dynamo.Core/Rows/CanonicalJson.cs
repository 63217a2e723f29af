using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Dynamo.Core.Rows;

/// <summary>
/// Canonical JSON (contract section 3): object keys sorted by UTF-16 code units and strings escaped as
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

    private static void WriteObject(JsonElement value, IBufferWriter<byte> output, ReadOnlySpan<KeyValuePair<string, string>> replacedStrings)
    {
        var count = value.GetPropertyCount();
        var properties = ArrayPool<JsonProperty>.Shared.Rent(count);
        try
        {
            var n = 0;
            foreach (var property in value.EnumerateObject()) properties[n++] = property;
            var span = properties.AsSpan(0, n);
            span.Sort(PropertyOrder.Compare);
            output.Write("{"u8);
            for (var i = 0; i < span.Length; i++)
            {
                if (i > 0) output.Write(","u8);
                WritePropertyName(span[i], output);
                output.Write(":"u8);
                if (Replacement(span[i], replacedStrings) is { } replaced) WriteString(replaced, output);
                else Write(span[i].Value, output, []);
            }
            output.Write("}"u8);
        }
        finally
        {
            ArrayPool<JsonProperty>.Shared.Return(properties, clearArray: true);
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
        if (IsCanonicalNumber(raw))
        {
            output.Write(raw);
            return;
        }
        if (!DecimalNumber.TryParse(raw, out var number)) throw new ArgumentException("Not a JSON number.", nameof(raw));
        var text = number.ToString();
        var span = output.GetSpan(text.Length);
        output.Advance(Encoding.ASCII.GetBytes(text, span));
    }

    /// <summary>The common case needs no rewriting: plain digits, no exponent, no trailing fractional zero, not -0.</summary>
    private static bool IsCanonicalNumber(ReadOnlySpan<byte> raw)
    {
        if (raw.IndexOfAny("eE"u8) >= 0) return false;
        var digits = raw[0] == '-' ? raw[1..] : raw;
        var point = digits.IndexOf((byte)'.');
        if (point >= 0) return digits[^1] != '0';
        return digits.Length > 0 && !(raw[0] == '-' && digits is [(byte)'0']);
    }

    /// <summary>Orders property names by UTF-16 code units; ASCII names compare byte by byte, without allocating.</summary>
    private static class PropertyOrder
    {
        public static int Compare(JsonProperty a, JsonProperty b)
        {
            var x = JsonMarshal.GetRawUtf8PropertyName(a);
            var y = JsonMarshal.GetRawUtf8PropertyName(b);
            if (IsPlainAscii(x) && IsPlainAscii(y)) return x.SequenceCompareTo(y);
            return string.CompareOrdinal(a.Name, b.Name);
        }

        private static bool IsPlainAscii(ReadOnlySpan<byte> raw) => !raw.Contains((byte)'\\') && Ascii.IsValid(raw);
    }
}
