using System.Text.Json;

namespace Dynamo.Local.Capacity;

/// <summary>
/// Reading DynamoDB's wire JSON as DynamoDB Local does: a scalar may come as a JSON string or as a bare number or
/// boolean ({"N": 1} is accepted as {"N": "1"}), so the emulation reads both rather than fail on what DynamoDB Local takes.
/// </summary>
internal static class WireValue
{
    /// <summary>The scalar's text, or null for a JSON null, object or array.</summary>
    public static string? Text(JsonElement scalar) => scalar.ValueKind switch
    {
        JsonValueKind.String => scalar.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => scalar.GetRawText(),
        _ => null,
    };

    /// <summary>An attribute value's one type member ({"S": "a"} -> ("S", "a")), or null when it has none or several.</summary>
    public static (string Type, JsonElement Value)? Typed(JsonElement attributeValue)
    {
        if (attributeValue.ValueKind != JsonValueKind.Object) return null;
        (string, JsonElement)? typed = null;
        foreach (var member in attributeValue.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Null) continue;   // {"S": "a", "N": null} is {"S": "a"}
            if (typed is not null) return null;
            typed = (member.Name, member.Value);
        }
        return typed;
    }

    public static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var member) ? member : default;
}
