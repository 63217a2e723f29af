using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Querying;

namespace Dynamo.Core.Tests.Querying;

public class StatementParameterTests
{
    [Theory]
    [InlineData("42", "N", "42")]
    [InlineData("-1.5e3", "N", "-1.5e3")]
    [InlineData("0.25", "N", "0.25")]
    [InlineData("o-1001", "S", "o-1001")]
    [InlineData("007", "S", "007")]
    [InlineData("1,000", "S", "1,000")]
    [InlineData("", "S", "")]
    [InlineData("True", "S", "True")]
    [InlineData("true", "BOOL", "true")]
    [InlineData("false", "BOOL", "false")]
    [InlineData("null", "NULL", "true")]
    [InlineData("s:42", "S", "42")]
    [InlineData("s:true", "S", "true")]
    [InlineData("s:s:x", "S", "s:x")]
    [InlineData("n:12.5", "N", "12.5")]
    [InlineData("b:true", "BOOL", "true")]
    [InlineData("b:false", "BOOL", "false")]
    public void A_parameter_is_typed_from_its_text_or_its_prefix(string text, string type, string expected)
    {
        Assert.True(StatementParameter.TryParse(text, out var value, out var error), error);
        Assert.Equal((type, expected), Describe(value));
    }

    [Theory]
    [InlineData("n:many", "after n: comes a number")]
    [InlineData("n:007", "after n: comes a number")]
    [InlineData("b:yes", "after b: comes true or false")]
    public void A_forced_type_that_does_not_fit_is_an_error_saying_what_fits(string text, string message)
    {
        Assert.False(StatementParameter.TryParse(text, out var value, out var error));
        Assert.Null(value);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private static (string, string) Describe(AttributeValue value) =>
        value.S is not null ? ("S", value.S)
        : value.N is not null ? ("N", value.N)
        : value.BOOL is { } b ? ("BOOL", b ? "true" : "false")
        : value.NULL == true ? ("NULL", "true")
        : ("?", "");
}
