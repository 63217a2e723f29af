using System.Text;
using Dynamo.Core.Rows;

namespace Dynamo.Core.Tests.Rows;

public class DecimalNumberTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0.5")]
    [InlineData("100")]
    [InlineData("10.5")]
    [InlineData("1.05")]
    [InlineData("0.000001")]
    [InlineData("12345678901234567890123456789012345678")]
    [InlineData("-1234567890123456789012345678901234567")]
    [InlineData("0.000000000000000000000000000000000001")]
    public void Short_canonical_text_is_read_without_parsing_exactly_as_the_parser_reads_it(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        Assert.True(DecimalNumber.IsShortCanonical(utf8, out var significantDigits));
        Assert.True(DecimalNumber.TryParse(utf8, out var parsed));
        Assert.Equal(parsed.SignificantDigits, significantDigits);
        Assert.Equal(parsed.ToString(), text);
        Assert.Null(DynamoDbLimits.NumberProblem(parsed));
    }

    [Theory]
    [InlineData("123456789012345678901234567890123456789")]
    [InlineData("1e3")]
    [InlineData("1.50")]
    [InlineData("-0")]
    [InlineData("1E-131")]
    public void Text_that_needs_rewriting_or_checking_takes_the_full_parse(string text) =>
        Assert.False(DecimalNumber.IsShortCanonical(Encoding.UTF8.GetBytes(text), out _));
}
