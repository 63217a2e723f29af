using System.Text.Json;

namespace Dynamo.Core.Rows;

/// <summary>
/// Looks up a row's field by name even when another field's name escapes a lone surrogate ("\ud800"):
/// the reader throws unescaping such a name, and the row must come back invalid, not fail the request.
/// </summary>
internal static class RowFields
{
    /// <summary>As <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>: the last field of that name.</summary>
    public static bool TryGet(JsonElement row, string name, out JsonElement value)
    {
        try
        {
            return row.TryGetProperty(name, out value);
        }
        catch (InvalidOperationException)
        {
            // Only rows that the item conversion already refuses get here.
        }
        value = default;
        var found = false;
        foreach (var property in row.EnumerateObject())
        {
            if (!NameEquals(property, name)) continue;
            value = property.Value;
            found = true;
        }
        return found;
    }

    /// <summary>False for a name that escapes a lone surrogate: it is no text, so it equals no name.</summary>
    public static bool NameEquals(JsonProperty property, ReadOnlySpan<char> name)
    {
        try
        {
            return property.NameEquals(name);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
