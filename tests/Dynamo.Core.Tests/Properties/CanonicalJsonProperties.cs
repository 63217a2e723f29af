using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Dynamo.Core.Rows;

namespace Dynamo.Core.Tests.Properties;

/// <summary>Canonical JSON (docs/datasets.md): one value, one text, one hash, however the value was spelled.</summary>
public sealed class CanonicalJsonProperties
{
    private static string Hash(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return CanonicalJson.Hash(document.RootElement);
    }

    [Fact]
    public void Every_spelling_of_a_value_has_the_canonical_text_and_hash_of_the_value() =>
        Gen.Select(JsonGen.Value(4, storable: false), JsonGen.SpellingSeed).Sample((value, seed) =>
        {
            var spelling = value.Spell(new Random(seed));
            var expected = value.Canonical();
            Assert.Equal(expected, CanonicalJson.Serialize(spelling));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(expected))), Hash(spelling));
        }, iter: PropertyRuns.Iterations(500));

    [Fact]
    public void Two_spellings_of_one_value_have_one_hash() =>
        Gen.Select(JsonGen.Value(3, storable: false), JsonGen.SpellingSeed, JsonGen.SpellingSeed).Sample((value, a, b) =>
            Hash(value.Spell(new Random(a))) == Hash(value.Spell(new Random(b))), iter: PropertyRuns.Iterations(500));

    [Fact]
    public void Number_spellings_never_change_the_hash_and_different_numbers_never_share_one() =>
        JsonGen.AnyNumber.Array[50, 200].Select(JsonGen.SpellingSeed).Sample((numbers, seed) =>
        {
            var random = new Random(seed);
            var hashes = new Dictionary<string, string>();
            foreach (var number in numbers)
            {
                var hash = Hash(number.Spell(random));
                Assert.Equal(hash, Hash(number.Spell(random)));
                if (hashes.TryGetValue(hash, out var other)) Assert.Equal(other, number.Canonical());
                else hashes[hash] = number.Canonical();
            }
        }, iter: PropertyRuns.Iterations(50));

    [Fact]
    public void Different_values_never_collide_in_a_generated_corpus() =>
        JsonGen.Value(3, storable: false).Array[100, 300].Select(JsonGen.SpellingSeed).Sample((values, seed) =>
        {
            var random = new Random(seed);
            var valueOfHash = new Dictionary<string, string>();
            foreach (var value in values)
            {
                var canonical = value.Canonical();
                var hash = Hash(value.Spell(random));
                Assert.Equal(canonical, valueOfHash.TryAdd(hash, canonical) ? canonical : valueOfHash[hash]);
            }
        }, iter: PropertyRuns.Iterations(20));
}
