using System.Text;

namespace Dynamo.Core.Rows;

/// <summary>
/// A JSON number as an exact decimal: sign, significant digits and a power of ten, never through a double.
/// Value = (Negative ? -1 : 1) * Digits * 10^Exponent; Digits has no leading or trailing zeros ("" is zero).
/// </summary>
public readonly struct DecimalNumber : IComparable<DecimalNumber>, IEquatable<DecimalNumber>
{
    // Exponents are saturated here: far beyond any range a check compares against (DynamoDB: 1E-130..1E+126).
    private const long ExponentBound = 1_000_000_000;

    private DecimalNumber(bool negative, string digits, long exponent)
    {
        Negative = negative && digits.Length > 0;
        Digits = digits;
        Exponent = digits.Length > 0 ? exponent : 0;
    }

    public bool Negative { get; }
    public string Digits { get; }
    public long Exponent { get; }
    public bool IsZero => Digits.Length == 0;
    public int SignificantDigits => Digits.Length;
    /// <summary>The power of ten of the leading digit (scientific notation's exponent); 0 for zero.</summary>
    public long AdjustedExponent => IsZero ? 0 : Exponent + Digits.Length - 1;
    public bool IsInteger => Exponent >= 0;

    /// <summary>Parses JSON number text (as UTF-8); false when it is not a JSON number.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DecimalNumber number)
    {
        number = default;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] == '-') { negative = true; i++; }
        var intStart = i;
        while (i < text.Length && IsDigit(text[i])) i++;
        var intDigits = text[intStart..i];
        if (intDigits.IsEmpty || (intDigits.Length > 1 && intDigits[0] == '0')) return false;
        ReadOnlySpan<byte> fracDigits = default;
        if (i < text.Length && text[i] == '.')
        {
            var fracStart = ++i;
            while (i < text.Length && IsDigit(text[i])) i++;
            fracDigits = text[fracStart..i];
            if (fracDigits.IsEmpty) return false;
        }
        long exponent = 0;
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            var expNegative = false;
            if (i < text.Length && (text[i] == '+' || text[i] == '-')) expNegative = text[i++] == '-';
            var expStart = i;
            while (i < text.Length && IsDigit(text[i]))
            {
                exponent = Math.Min(exponent * 10 + (text[i] - '0'), ExponentBound);
                i++;
            }
            if (i == expStart) return false;
            if (expNegative) exponent = -exponent;
        }
        if (i != text.Length) return false;

        // Significant digits: integer and fraction digits without leading and trailing zeros.
        Span<byte> all = intDigits.Length + fracDigits.Length <= 256
            ? stackalloc byte[intDigits.Length + fracDigits.Length]
            : new byte[intDigits.Length + fracDigits.Length];
        intDigits.CopyTo(all);
        fracDigits.CopyTo(all[intDigits.Length..]);
        exponent -= fracDigits.Length;
        var start = 0;
        while (start < all.Length && all[start] == '0') start++;
        var end = all.Length;
        while (end > start && all[end - 1] == '0') { end--; exponent++; }
        number = new DecimalNumber(negative, Encoding.ASCII.GetString(all[start..end]), Math.Clamp(exponent, -ExponentBound, ExponentBound));
        return true;
    }

    /// <summary>
    /// True when JSON number text already is the canonical spelling (<see cref="ToString"/>), as most numbers
    /// are: plain digits, no exponent, no trailing fractional zero, not -0.
    /// </summary>
    public static bool IsCanonical(ReadOnlySpan<byte> json)
    {
        if (json.IndexOfAny("eE"u8) >= 0) return false;
        var digits = json[0] == '-' ? json[1..] : json;
        var point = digits.IndexOf((byte)'.');
        if (point >= 0) return digits[^1] != '0';
        return digits.Length > 0 && !(json[0] == '-' && digits is [(byte)'0']);
    }

    /// <summary>
    /// The common case without parsing: canonical JSON number text short enough that DynamoDB stores it
    /// whatever its digits.
    /// </summary>
    public static bool IsShortCanonical(ReadOnlySpan<byte> json, out int significantDigits)
    {
        significantDigits = 0;
        if (json.Length > MaxShortText || !IsCanonical(json)) return false;
        var digits = json[0] == '-' ? json[1..] : json;
        var first = digits.IndexOfAnyExcept("0."u8);
        if (first < 0) return true;
        var last = digits.LastIndexOfAnyExcept("0."u8);
        var span = digits[first..(last + 1)];
        significantDigits = span.Length - (span.Contains((byte)'.') ? 1 : 0);
        return true;
    }

    // 38 characters hold at most 38 digits (DynamoDB's limit) and nothing smaller than 1E-36 (its range ends at 1E-130).
    private const int MaxShortText = 38;

    public static DecimalNumber Parse(string text) =>
        TryParse(Encoding.UTF8.GetBytes(text), out var number) ? number : throw new FormatException($"'{text}' is not a JSON number.");

    /// <summary>
    /// The exact decimal spelling of canonical JSON (and of DynamoDB's own number output): no exponent,
    /// no '+', no leading zeros, no trailing fractional zeros, "-0" is "0".
    /// </summary>
    public override string ToString()
    {
        if (IsZero) return "0";
        var sign = Negative ? "-" : "";
        if (Exponent >= 0) return string.Concat(sign, Digits, new string('0', (int)Exponent));
        var point = Digits.Length + (int)Exponent;
        return point > 0
            ? string.Concat(sign, Digits.AsSpan(0, point), ".", Digits.AsSpan(point))
            : string.Concat(sign, "0.", new string('0', -point), Digits);
    }

    public int CompareTo(DecimalNumber other)
    {
        var sign = Sign;
        if (sign != other.Sign) return sign.CompareTo(other.Sign);
        if (sign == 0) return 0;
        var magnitude = CompareMagnitude(this, other);
        return Negative ? -magnitude : magnitude;
    }

    private int Sign => IsZero ? 0 : Negative ? -1 : 1;

    private static int CompareMagnitude(DecimalNumber a, DecimalNumber b)
    {
        if (a.AdjustedExponent != b.AdjustedExponent) return a.AdjustedExponent.CompareTo(b.AdjustedExponent);
        // Same leading power of ten: compare digit by digit, a missing digit being 0.
        var length = Math.Max(a.Digits.Length, b.Digits.Length);
        for (var i = 0; i < length; i++)
        {
            var da = i < a.Digits.Length ? a.Digits[i] : '0';
            var db = i < b.Digits.Length ? b.Digits[i] : '0';
            if (da != db) return da.CompareTo(db);
        }
        return 0;
    }

    public bool Equals(DecimalNumber other) => CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is DecimalNumber other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Negative, Digits, Exponent);
    public static bool operator ==(DecimalNumber left, DecimalNumber right) => left.Equals(right);
    public static bool operator !=(DecimalNumber left, DecimalNumber right) => !left.Equals(right);
    public static bool operator <(DecimalNumber left, DecimalNumber right) => left.CompareTo(right) < 0;
    public static bool operator >(DecimalNumber left, DecimalNumber right) => left.CompareTo(right) > 0;
    public static bool operator <=(DecimalNumber left, DecimalNumber right) => left.CompareTo(right) <= 0;
    public static bool operator >=(DecimalNumber left, DecimalNumber right) => left.CompareTo(right) >= 0;

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
