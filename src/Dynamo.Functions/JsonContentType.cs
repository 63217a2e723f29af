using System.Net.Http.Headers;

namespace Dynamo.Functions;

/// <summary>The ingest API takes <c>application/json</c> in UTF-8 only (JSON is UTF-8 by RFC 8259); anything else is a 415.</summary>
internal static class JsonContentType
{
    /// <summary>Null when the request's Content-Type is acceptable, else the message of the 415.</summary>
    public static string? Refusal(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return "Content-Type is missing: send the rows as application/json.";
        if (!MediaTypeHeaderValue.TryParse(value, out var mediaType)
            || !string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
            return $"Content-Type '{value}' is not supported: send the rows as application/json.";
        if (mediaType.CharSet is { } charset && !string.Equals(charset.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase))
            return $"Charset '{charset}' is not supported: send the rows as UTF-8 JSON.";
        return null;
    }
}
