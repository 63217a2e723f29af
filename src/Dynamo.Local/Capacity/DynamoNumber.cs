namespace Dynamo.Local.Capacity;

/// <summary>
/// A DynamoDB number as DynamoDB reads an N value's text: an optional sign, digits with an optional point, an optional
/// exponent ("01", "+1", "1." and ".5" are numbers; " 1" is not). Two texts of one value are one number: "1" and "1.0"
/// are a duplicate key, and one partition key value.
/// </summary>
internal static class DynamoNumber
{
    /// <summary>The value's canonical text (sign, significant digits, power of ten), or false when the text is no number.</summary>
    public static bool TryNormalize(ReadOnlySpan<char> text, out string canonical)
    {
        canonical = "";
        var negative = false;
        if (text.Length > 0 && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }
        var digits = new System.Text.StringBuilder();
        var pointAt = -1;
        var i = 0;
        for (; i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == '.' && pointAt < 0)); i++)
        {
            if (text[i] == '.') pointAt = digits.Length;
            else digits.Append(text[i]);
        }
        if (digits.Length == 0) return false;
        long exponent = 0;
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            if (!long.TryParse(text[(i + 1)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out exponent))
                return false;
            i = text.Length;
        }
        if (i != text.Length) return false;

        // value = digits * 10^(exponent - fraction digits), then without leading and trailing zeros.
        var fraction = pointAt < 0 ? 0 : digits.Length - pointAt;
        var all = digits.ToString();
        var significant = all.TrimStart('0');
        var trimmed = significant.TrimEnd('0');
        if (trimmed.Length == 0)
        {
            canonical = "0";
            return true;
        }
        var power = exponent - fraction + (significant.Length - trimmed.Length);
        canonical = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(negative ? "-" : "")}{trimmed}E{power}");
        return true;
    }

    /// <summary>Significant digits, leading and trailing zeros trimmed (1000 and 0.001 have one, zero has none); 0 for no number.</summary>
    public static int SignificantDigits(string text) =>
        TryNormalize(text, out var canonical) && canonical != "0"
            ? canonical.AsSpan(0, canonical.IndexOf('E')).TrimStart('-').Length
            : 0;
}
