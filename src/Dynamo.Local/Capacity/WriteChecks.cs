using System.Text.Json;

namespace Dynamo.Local.Capacity;

/// <summary>
/// What DynamoDB validates of the items and keys of a write before it writes anything (the answers are DynamoDB
/// Local's ValidationExceptions, checked against it in tests): every attribute value of one known type, numbers that
/// are numbers, sets neither empty nor with duplicates, NULL only true; an item with each key attribute, of the
/// table's type, not empty, and at most 400 KB; a key with exactly the key attributes. The emulation only needs to
/// know that a request is invalid: it then forwards it whole, uncharged, and DynamoDB Local answers it.
/// </summary>
internal static class WriteChecks
{
    /// <summary>DynamoDB's item size limit, attribute names included.</summary>
    public const int MaxItemBytes = 400 * 1024;

    /// <summary>An item to put: a valid value for each attribute, the key attributes valid, within 400 KB.</summary>
    public static bool IsValidItem(JsonElement item, TableKeys keys)
    {
        if (item.ValueKind != JsonValueKind.Object) return false;
        foreach (var attribute in item.EnumerateObject())
            if (!IsValidValue(attribute.Value)) return false;
        foreach (var key in keys.Attributes)
            if (!item.TryGetProperty(key.Name, out var value) || !IsValidKeyValue(value, key)) return false;
        return ItemSize.Of(item) <= MaxItemBytes;
    }

    /// <summary>A key (of a delete, an update, a condition check): exactly the table's key attributes, each valid.</summary>
    public static bool IsValidKey(JsonElement key, TableKeys keys)
    {
        if (key.ValueKind != JsonValueKind.Object) return false;
        var count = 0;
        foreach (var _ in key.EnumerateObject()) count++;
        return count == keys.Attributes.Count() && keys.Attributes.All(k => key.TryGetProperty(k.Name, out var value) && IsValidKeyValue(value, k));
    }

    /// <summary>A key attribute's value: of the type the table declares, and not an empty string or binary.</summary>
    public static bool IsValidKeyValue(JsonElement value, KeyAttribute key) =>
        WireValue.Typed(value) is var (type, scalar)
        && type == key.Type
        && WireValue.Text(scalar) is { } text
        && (type == "N" ? DynamoNumber.TryNormalize(text, out _) : text.Length > 0);

    /// <summary>One attribute value in DynamoDB's wire form, nested lists and maps included.</summary>
    public static bool IsValidValue(JsonElement value)
    {
        if (WireValue.Typed(value) is not var (type, v)) return false;
        switch (type)
        {
            case "S" or "B" or "BOOL":
                return WireValue.Text(v) is not null;
            case "N":
                return WireValue.Text(v) is { } number && DynamoNumber.TryNormalize(number, out _);
            case "NULL":
                return v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && v.GetString() == "true");
            case "SS" or "BS" or "NS":
                if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0) return false;
                var members = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in v.EnumerateArray())
                {
                    var text = WireValue.Text(member);
                    if (text is null) return false;
                    if (type == "NS" && !DynamoNumber.TryNormalize(text, out text)) return false;
                    if (!members.Add(text)) return false;
                }
                return true;
            case "L":
                return v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(IsValidValue);
            case "M":
                return v.ValueKind == JsonValueKind.Object && v.EnumerateObject().All(a => IsValidValue(a.Value));
            default:
                return false;
        }
    }

    /// <summary>
    /// The identity of an item's key, to find two writes of one item: each key attribute's type and value, numbers by
    /// value ("1" and "1.0" are one key). Only for items and keys that passed the checks above.
    /// </summary>
    public static string KeyOf(JsonElement itemOrKey, TableKeys keys) =>
        string.Join('\u001f', keys.Attributes.Select(k => KeyValueOf(WireValue.Member(itemOrKey, k.Name))));

    /// <summary>The partition key value of a valid item or key, as <see cref="KeyOf"/> spells it.</summary>
    public static string PartitionKeyOf(JsonElement itemOrKey, TableKeys keys) => KeyValueOf(WireValue.Member(itemOrKey, keys.PartitionKey.Name));

    private static string KeyValueOf(JsonElement value)
    {
        if (WireValue.Typed(value) is not var (type, scalar)) return "";
        var text = WireValue.Text(scalar) ?? "";
        if (type == "N" && DynamoNumber.TryNormalize(text, out var canonical)) text = canonical;
        return $"{type}:{text}";
    }
}
