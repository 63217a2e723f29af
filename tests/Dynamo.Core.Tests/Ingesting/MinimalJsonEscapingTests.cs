using System.Text;
using Dynamo.Contracts;

namespace Dynamo.Core.Tests.Ingesting;

public sealed class MinimalJsonEscapingTests
{
    private static string Json(string text) => MinimalJsonEscaping.Serialize(text, ContractsJsonContext.Default.String);

    [Theory]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("a\\b", "\"a\\\\b\"")]
    [InlineData("l1\nl2\t\r", "\"l1\\nl2\\t\\r\"")]
    [InlineData("\u0001", "\"\\u0001\"")]
    [InlineData("<a href='x'>&+`</a>", "\"<a href='x'>&+`</a>\"")]
    [InlineData("naïve 東京 😀 \u2028", "\"naïve 東京 😀 \u2028\"")]
    public void Only_what_json_requires_is_escaped(string text, string json) => Assert.Equal(json, Json(text));

    [Fact]
    public void Three_bytes_of_cjk_stay_three_bytes() =>
        Assert.Equal(3 * 1000 + 2, Encoding.UTF8.GetByteCount(Json(new string('東', 1000))));

    [Fact]
    public void A_lone_surrogate_is_written_as_the_replacement_character_instead_of_failing() =>
        Assert.Equal("\"a\uFFFDb\"", Json("a\ud800b"));
}
