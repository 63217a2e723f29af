using Dynamo.Core.Rows;

namespace Dynamo.Core.Tests.Rows;

public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData("1.50", "1.5")]
    [InlineData("15e-1", "1.5")]
    [InlineData("1.5", "1.5")]
    [InlineData("1e2", "100")]
    [InlineData("1E+2", "100")]
    [InlineData("100", "100")]
    [InlineData("1e5", "100000")]
    [InlineData("-0", "0")]
    [InlineData("-0.0e7", "0")]
    [InlineData("0.000", "0")]
    [InlineData("0.001", "0.001")]
    [InlineData("1e-3", "0.001")]
    [InlineData("-12.340e1", "-123.4")]
    [InlineData("123456789012345678901234567890.5", "123456789012345678901234567890.5")]
    [InlineData("0.1e1", "1")]
    [InlineData("12e-2", "0.12")]
    public void Numbers_are_exact_decimals_with_the_exponent_folded(string spelled, string canonical) =>
        Assert.Equal(canonical, CanonicalJson.Serialize(spelled));

    [Fact]
    public void Object_keys_are_sorted_by_utf16_code_units_at_every_depth()
    {
        // U+1F600 is D83D DE00 in UTF-16, so it sorts before U+FB01 (ﬁ), though its code point is larger.
        Assert.Equal("{\"A\":1,\"a\":{\"\":0,\"b\":2,\"c\":3},\"é\":1,\"😀\":2,\"ﬁ\":3}",
            CanonicalJson.Serialize("{\"ﬁ\":3, \"😀\":2, \"é\":1, \"a\":{\"c\":3,\"b\":2,\"\":0}, \"A\":1}"));
    }

    [Fact]
    public void Escaped_keys_sort_by_their_text_not_their_spelling() =>
        Assert.Equal("{\"a\":1,\"b\":2}", CanonicalJson.Serialize("{\"\\u0062\":2,\"a\":1}"));

    [Theory]
    [InlineData("\"\\u0041\\u00e9\"", "\"Aé\"")]
    [InlineData("\"\\ud83d\\ude00\"", "\"😀\"")]
    [InlineData("\"\\/\"", "\"/\"")]
    [InlineData("\"a\\\"b\\\\c\"", "\"a\\\"b\\\\c\"")]
    [InlineData("\"\\b\\f\\n\\r\\t\"", "\"\\b\\f\\n\\r\\t\"")]
    [InlineData("\"\\u0000\\u001f\\u000B\"", "\"\\u0000\\u001f\\u000b\"")]
    [InlineData("\"\\u007f\\u2028\"", "\"\u007f\u2028\"")]
    public void Strings_are_escaped_as_rfc_8785_says(string spelled, string canonical) =>
        Assert.Equal(canonical, CanonicalJson.Serialize(spelled));

    [Fact]
    public void Whitespace_goes_and_literals_and_arrays_keep_their_order() =>
        Assert.Equal("[true,false,null,[],{},[2,1]]", CanonicalJson.Serialize(" [ true , false , null , [ ] , { } , [ 2 , 1 ] ] "));

    [Fact]
    public void The_hash_is_lowercase_hex_sha_256_of_the_canonical_text()
    {
        using var document = System.Text.Json.JsonDocument.Parse("{\"b\": 1.0, \"a\": \"x\"}");
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("{\"a\":\"x\",\"b\":1}"u8)),
            CanonicalJson.Hash(document.RootElement));
    }
}
