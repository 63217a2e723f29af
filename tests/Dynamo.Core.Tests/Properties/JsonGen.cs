using System.Numerics;
using CsCheck;

namespace Dynamo.Core.Tests.Properties;

/// <summary>CsCheck generators of <see cref="JValue"/>s: every JSON type, awkward text, exact numbers.</summary>
internal static class JsonGen
{
    /// <summary>Characters where JSON text, UTF-8 and UTF-16 ordering differ: escapes, controls, surrogate pairs, U+FFFF.</summary>
    private static readonly Gen<string> Character = Gen.OneOf(
        Gen.Char['a', 'e'].Select(c => c.ToString()),
        Gen.OneOf("A", "Z", "0", "9", " ", "-", "_", ".", "/", "\"", "\\", "\b", "\f", "\n", "\r", "\t", "\u0000", "\u001f",
            "\u007f", "é", "ß", "\u2028", "中", "\uFFFF", "\uE000", "😀", "𝄞", "\U0010FFFF"));

    public static Gen<string> Text(int min, int max) => Character.Array[min, max].Select(string.Concat);

    /// <summary>Names of nested fields: DynamoDB refuses empty attribute names, so rows never carry them.</summary>
    public static readonly Gen<string> FieldName = Text(1, 6);

    /// <summary>
    /// Numbers DynamoDB stores: up to 38 significant digits, magnitudes 1E-130 to under 1E+126; the
    /// scale is drawn so both ends of the range come up.
    /// </summary>
    public static readonly Gen<JNumber> StorableNumber = Gen.Select(
        Gen.Bool,
        Gen.OneOf(Gen.Long[0, 1000].Select(l => (BigInteger)l), Gen.Long.Select(l => (BigInteger)l),
            Gen.Char['0', '9'].Array[1, 38].Select(d => BigInteger.Parse(new string(d)))),
        Gen.OneOf(Gen.Int[-5, 8], Gen.Int[-125, 168]),
        (negative, unscaled, scale) => new JNumber(negative, unscaled, scale))
        .Where(n => n.Unscaled.IsZero || (n.AdjustedExponent is >= -130 and <= 125 && n.SignificantDigits <= 38));

    /// <summary>Any JSON number, from a huge spread of magnitudes and digit counts.</summary>
    public static readonly Gen<JNumber> AnyNumber = Gen.Select(
        Gen.Bool,
        Gen.OneOf(Gen.Long.Select(l => (BigInteger)l), Gen.Char['0', '9'].Array[1, 60].Select(d => BigInteger.Parse(new string(d)))),
        Gen.Int[-200, 200],
        (negative, unscaled, scale) => new JNumber(negative, unscaled, scale));

    private static readonly Dictionary<(int, bool), Gen<JValue>> Values = [];

    /// <summary>A value nested at most <paramref name="depth"/> containers deep.</summary>
    public static Gen<JValue> Value(int depth, bool storable = true)
    {
        lock (Values)
        {
            if (Values.TryGetValue((depth, storable), out var known)) return known;
            var scalar = Gen.Frequency(
                (1, Gen.Const<JValue>(new JNull())),
                (1, Gen.Bool.Select(b => (JValue)new JBool(b))),
                (3, (storable ? StorableNumber : AnyNumber).Select(n => (JValue)n)),
                (3, Text(0, 8).Select(s => (JValue)new JString(s))));
            var value = depth == 0
                ? scalar
                : Gen.Frequency(
                    (4, scalar),
                    (1, Value(depth - 1, storable).Array[0, 4].Select(items => (JValue)new JArray([.. items]))),
                    (1, Object(FieldName, Value(depth - 1, storable), 0, 4).Select(o => (JValue)o)));
            Values[(depth, storable)] = value;
            return value;
        }
    }

    /// <summary>An object of <paramref name="min"/> to <paramref name="max"/> fields with distinct names.</summary>
    public static Gen<JObject> Object(Gen<string> names, Gen<JValue> values, int min, int max) =>
        Gen.Select(names, values).Array[min, max].Select(fields =>
            new JObject([.. fields.DistinctBy(f => f.Item1, StringComparer.Ordinal)]));

    /// <summary>A seed for the random choices of a spelling (order, escapes, number forms, whitespace).</summary>
    public static readonly Gen<int> SpellingSeed = Gen.Int;
}
