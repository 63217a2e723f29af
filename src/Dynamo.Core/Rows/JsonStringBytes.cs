using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Dynamo.Core.Rows;

/// <summary>The UTF-8 bytes of a JSON string value, without quotes or escapes, read in place when it has none.</summary>
internal static class JsonStringBytes
{
    /// <summary>False when an escape spells a lone surrogate, which is no Unicode text (DynamoDB stores UTF-8).</summary>
    public static bool TryGet(JsonElement stringElement, out ReadOnlySpan<byte> utf8)
    {
        utf8 = Raw(stringElement);
        if (!utf8.Contains((byte)'\\')) return true;
        if (!TryGetString(stringElement, out var text)) return false;
        utf8 = Encoding.UTF8.GetBytes(text);
        return true;
    }

    public static bool TryGetString(JsonElement stringElement, out string text)
    {
        try
        {
            text = stringElement.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>The string as written in the body, between its quotes (escapes included).</summary>
    public static ReadOnlySpan<byte> Raw(JsonElement stringElement)
    {
        var raw = JsonMarshal.GetRawUtf8Value(stringElement);
        return raw.Length >= 2 && raw[0] == '"' ? raw[1..^1] : raw;
    }
}
