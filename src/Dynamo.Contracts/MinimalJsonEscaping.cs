using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Dynamo.Contracts;

/// <summary>
/// JSON escaped only where RFC 8259 section 7 requires it: <c>"</c>, <c>\</c> and the control characters
/// U+0000 to U+001F; every other character is its UTF-8 bytes. That is how API Gateway writes a proxy event,
/// and it is how the 6 MB of a Lambda event or response must be counted: System.Text.Json's default encoder
/// writes every <c>"</c> inside a string as the 6 bytes <c>\u0022</c>, and every non-ASCII character as
/// <c>\uXXXX</c>, so a body of 2.5 MB grew to 6.9 MB in its event. A lone surrogate, which is no Unicode text,
/// is written as U+FFFD instead of failing the whole document.
/// </summary>
public sealed class MinimalJsonEscaping : JavaScriptEncoder
{
    // Controls, the two characters JSON escapes, and surrogates (checked for a partner one by one).
    private static readonly SearchValues<char> MaybeEscaped = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) + "\"\\" +
        string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    private MinimalJsonEscaping() { }

    public static MinimalJsonEscaping Instance { get; } = new();

    /// <summary>Compact output, escaped minimally.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = Instance };

    /// <summary>The UTF-8 JSON of <paramref name="value"/>, escaped minimally.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value, JsonTypeInfo<T> type)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            JsonSerializer.Serialize(writer, value, type);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The JSON of <paramref name="value"/> as text, escaped minimally.</summary>
    public static string Serialize<T>(T value, JsonTypeInfo<T> type) => Encoding.UTF8.GetString(SerializeToUtf8Bytes(value, type));

    /// <summary><c>\u0001</c>: the longest escape written for one UTF-16 character.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\' or (>= 0xD800 and <= 0xDFFF);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        var at = 0;
        while (at < span.Length)
        {
            var next = span[at..].IndexOfAny(MaybeEscaped);
            if (next < 0) return -1;
            at += next;
            var c = span[at];
            if (!char.IsSurrogate(c)) return at;
            if (!char.IsHighSurrogate(c) || at + 1 == span.Length || !char.IsLowSurrogate(span[at + 1])) return at;
            at += 2;
        }
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var output = new Span<char>(buffer, bufferLength);
        ReadOnlySpan<char> escaped = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            < 0x20 => $"\\u{unicodeScalar:X4}",
            _ => default,
        };
        if (escaped.IsEmpty)
        {
            // Not escaped: the character itself (U+FFFD for what is no scalar, a lone surrogate).
            var rune = Rune.IsValid(unicodeScalar) ? new Rune(unicodeScalar) : Rune.ReplacementChar;
            return rune.TryEncodeToUtf16(output, out numberOfCharactersWritten);
        }
        numberOfCharactersWritten = 0;
        if (!escaped.TryCopyTo(output)) return false;
        numberOfCharactersWritten = escaped.Length;
        return true;
    }
}
