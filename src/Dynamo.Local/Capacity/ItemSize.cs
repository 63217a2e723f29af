using System.Text;
using System.Text.Json;

namespace Dynamo.Local.Capacity;

/// <summary>
/// The size DynamoDB bills for an item, from its wire JSON (attribute name -> {"S": ...} and so on), by the
/// rules of "DynamoDB item sizes and formats" (developer guide, CapacityUnitCalculations): each attribute is
/// its name's UTF-8 bytes plus its value's size.
/// </summary>
internal static class ItemSize
{
    // A List or Map costs 3 bytes whatever it holds, and each of its elements 1 byte more.
    private const int ContainerOverhead = 3;
    private const int ElementOverhead = 1;

    /// <summary>The size of an item (or key): the sum of its attributes' names and values.</summary>
    public static int Of(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object) return 0;
        var size = 0;
        foreach (var attribute in item.EnumerateObject())
            size += Attribute(attribute.Name, attribute.Value);
        return size;
    }

    /// <summary>
    /// An item's size whole, and without the attributes whose names start with '_' (Dynamo's system attributes,
    /// docs/datasets.md): what the row alone would cost to store. One pass over the item for both.
    /// </summary>
    public static (int Item, int Row) WithRowOf(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object) return (0, 0);
        int whole = 0, row = 0;
        foreach (var attribute in item.EnumerateObject())
        {
            var size = Attribute(attribute.Name, attribute.Value);
            whole += size;
            if (!attribute.Name.StartsWith('_')) row += size;
        }
        return (whole, row);
    }

    /// <summary>One attribute: its name's UTF-8 bytes plus its value's size.</summary>
    public static int Attribute(string name, JsonElement value) => Encoding.UTF8.GetByteCount(name) + Value(value);

    /// <summary>An attribute value in DynamoDB's wire form: an object with one type member.</summary>
    public static int Value(JsonElement value)
    {
        if (WireValue.Typed(value) is not var (type, v)) return 0;
        return type switch
        {
            "S" => Encoding.UTF8.GetByteCount(WireValue.Text(v) ?? ""),
            "N" => Number(WireValue.Text(v) ?? ""),
            "B" => Binary(WireValue.Text(v) ?? ""),
            "BOOL" or "NULL" => 1,
            "SS" => Sum(v, e => Encoding.UTF8.GetByteCount(WireValue.Text(e) ?? "")),
            "NS" => Sum(v, e => Number(WireValue.Text(e) ?? "")),
            "BS" => Sum(v, e => Binary(WireValue.Text(e) ?? "")),
            "L" => ContainerOverhead + Sum(v, e => Value(e) + ElementOverhead),
            "M" => ContainerOverhead + MapElements(v),
            _ => 0,
        };
    }

    /// <summary>
    /// "Approximately 1 byte per two significant digits, plus 1 byte"; leading and trailing zeroes are trimmed
    /// (so 1000 and 0.001 are one significant digit, and zero has none).
    /// </summary>
    public static int Number(string number) => (DynamoNumber.SignificantDigits(number) + 1) / 2 + 1;

    /// <summary>Binary values travel as base64, but DynamoDB counts their raw bytes.</summary>
    private static int Binary(string base64)
    {
        var padding = base64.EndsWith("==", StringComparison.Ordinal) ? 2 : base64.EndsWith('=') ? 1 : 0;
        return base64.Length / 4 * 3 - padding;
    }

    private static int MapElements(JsonElement map)
    {
        if (map.ValueKind != JsonValueKind.Object) return 0;
        var size = 0;
        foreach (var element in map.EnumerateObject())
            size += Attribute(element.Name, element.Value) + ElementOverhead;
        return size;
    }

    private static int Sum(JsonElement array, Func<JsonElement, int> size)
    {
        if (array.ValueKind != JsonValueKind.Array) return 0;
        var total = 0;
        foreach (var element in array.EnumerateArray())
            total += size(element);
        return total;
    }
}
