using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Dynamo.Core.Tests.Properties;

/// <summary>
/// A JSON value as a model the properties generate and reason about: numbers as exact decimals
/// (<see cref="JNumber"/>), objects with distinct names. <see cref="Canonical"/> is an oracle written
/// apart from the product's canonical JSON; <see cref="Spell"/> writes the same value in one of the many
/// ways JSON allows (property order, escapes, number spellings, whitespace).
/// </summary>
internal abstract record JValue
{
    /// <summary>The canonical JSON of docs/datasets.md, computed straight from the model.</summary>
    public abstract void Canonical(StringBuilder output);

    public string Canonical()
    {
        var output = new StringBuilder();
        Canonical(output);
        return output.ToString();
    }

    /// <summary>Some spelling of the value that any JSON reader reads as this value.</summary>
    public abstract void Spell(StringBuilder output, Random random);

    public string Spell(Random random)
    {
        var output = new StringBuilder();
        Spell(output, random);
        return output.ToString();
    }

    protected static void Space(StringBuilder output, Random random)
    {
        if (random.Next(4) == 0) output.Append(random.Next(4) switch { 0 => " ", 1 => "\n", 2 => "\t", _ => "\r\n  " });
    }
}

internal sealed record JNull : JValue
{
    public override void Canonical(StringBuilder output) => output.Append("null");
    public override void Spell(StringBuilder output, Random random) => output.Append("null");
}

internal sealed record JBool(bool Value) : JValue
{
    public override void Canonical(StringBuilder output) => output.Append(Value ? "true" : "false");
    public override void Spell(StringBuilder output, Random random) => output.Append(Value ? "true" : "false");
}

/// <summary>(-1)^Negative * Unscaled * 10^-Scale, normalised: no trailing zero in Unscaled, zero is (false, 0, 0).</summary>
internal sealed record JNumber : JValue
{
    public JNumber(bool negative, BigInteger unscaled, int scale)
    {
        if (unscaled.IsZero) (negative, scale) = (false, 0);
        while (!unscaled.IsZero && unscaled % 10 == 0) (unscaled, scale) = (unscaled / 10, scale - 1);
        (Negative, Unscaled, Scale) = (negative, BigInteger.Abs(unscaled), scale);
    }

    public bool Negative { get; }
    public BigInteger Unscaled { get; }
    public int Scale { get; }
    public int SignificantDigits => Unscaled.IsZero ? 0 : Unscaled.ToString(CultureInfo.InvariantCulture).Length;
    /// <summary>The power of ten of the leading digit.</summary>
    public int AdjustedExponent => Unscaled.IsZero ? 0 : SignificantDigits - 1 - Scale;

    public override void Canonical(StringBuilder output)
    {
        if (Negative) output.Append('-');
        output.Append(Decimal(Unscaled.ToString(CultureInfo.InvariantCulture), Scale));
    }

    /// <summary>Digits with <paramref name="fractionDigits"/> of them after the point (negative: zeros appended).</summary>
    private static string Decimal(string digits, int fractionDigits)
    {
        if (fractionDigits <= 0) return digits == "0" ? "0" : digits + new string('0', -fractionDigits);
        if (fractionDigits < digits.Length) return digits[..^fractionDigits] + "." + digits[^fractionDigits..];
        return "0." + new string('0', fractionDigits - digits.Length) + digits;
    }

    public override void Spell(StringBuilder output, Random random)
    {
        // Value = U' * 10^-S' with trailing zeros added, written as a mantissa times 10^exponent.
        var zeros = random.Next(4) == 0 ? random.Next(1, 4) : 0;
        var exponent = random.Next(3) == 0 ? random.Next(-6, 7) : 0;
        var digits = (Unscaled * BigInteger.Pow(10, zeros)).ToString(CultureInfo.InvariantCulture);
        if (Negative || (Unscaled.IsZero && random.Next(3) == 0)) output.Append('-');
        output.Append(Decimal(digits, Scale + zeros + exponent));
        if (exponent == 0 && random.Next(4) != 0) return;
        output.Append(random.Next(2) == 0 ? 'e' : 'E');
        if (exponent >= 0 && random.Next(2) == 0) output.Append('+');
        if (exponent < 0) output.Append('-');
        if (random.Next(4) == 0) output.Append('0');
        output.Append(Math.Abs(exponent));
    }
}

internal sealed record JString(string Value) : JValue
{
    public override void Canonical(StringBuilder output) => Quote(Value, output);
    public override void Spell(StringBuilder output, Random random) => SpellQuoted(Value, output, random);

    /// <summary>RFC 8785 3.2.2.2: escape '"', '\' and control characters only, short forms where JSON has them.</summary>
    public static void Quote(string value, StringBuilder output)
    {
        output.Append('"');
        foreach (var c in value)
        {
            output.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        output.Append('"');
    }

    /// <summary>Any character may be a \u escape (upper or lower hex), '/' may be "\/"; those that must be escaped are.</summary>
    public static void SpellQuoted(string value, StringBuilder output, Random random)
    {
        output.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            var mustEscape = rune.Value is '"' or '\\' or < ' ';
            if (!mustEscape && random.Next(5) != 0)
            {
                output.Append(rune.ToString());
                continue;
            }
            var shortForm = rune.Value switch
            {
                '"' => "\\\"", '\\' => "\\\\", '\b' => "\\b", '\f' => "\\f", '\n' => "\\n", '\r' => "\\r", '\t' => "\\t",
                '/' => "\\/",
                _ => null,
            };
            if (shortForm is not null && random.Next(2) == 0)
            {
                output.Append(shortForm);
                continue;
            }
            var hex = random.Next(2) == 0 ? "x4" : "X4";
            foreach (var unit in rune.ToString()) output.Append("\\u").Append(((int)unit).ToString(hex, CultureInfo.InvariantCulture));
        }
        output.Append('"');
    }
}

internal sealed record JArray(ImmutableArray<JValue> Items) : JValue
{
    public override void Canonical(StringBuilder output)
    {
        output.Append('[');
        for (var i = 0; i < Items.Length; i++)
        {
            if (i > 0) output.Append(',');
            Items[i].Canonical(output);
        }
        output.Append(']');
    }

    public override void Spell(StringBuilder output, Random random)
    {
        output.Append('[');
        for (var i = 0; i < Items.Length; i++)
        {
            if (i > 0) output.Append(',');
            Space(output, random);
            Items[i].Spell(output, random);
            Space(output, random);
        }
        output.Append(']');
    }

    public bool Equals(JArray? other) => other is not null && Items.SequenceEqual(other.Items);
    public override int GetHashCode() => Items.Length;
}

/// <summary>Names are distinct; their order is the order generated (spellings shuffle it).</summary>
internal sealed record JObject(ImmutableArray<(string Name, JValue Value)> Properties) : JValue
{
    public override void Canonical(StringBuilder output)
    {
        output.Append('{');
        var first = true;
        foreach (var (name, value) in Properties.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (!first) output.Append(',');
            first = false;
            JString.Quote(name, output);
            output.Append(':');
            value.Canonical(output);
        }
        output.Append('}');
    }

    public override void Spell(StringBuilder output, Random random)
    {
        output.Append('{');
        var first = true;
        foreach (var (name, value) in Properties.OrderBy(_ => random.Next()))
        {
            if (!first) output.Append(',');
            first = false;
            Space(output, random);
            JString.SpellQuoted(name, output, random);
            Space(output, random);
            output.Append(':');
            Space(output, random);
            value.Spell(output, random);
            Space(output, random);
        }
        output.Append('}');
    }

    public JObject With(string name, JValue value) =>
        new([.. Properties.Where(p => p.Name != name), (name, value)]);

    public bool Equals(JObject? other) => other is not null && Properties.SequenceEqual(other.Properties);
    public override int GetHashCode() => Properties.Length;
}
