using Dynamo.Cli.Commands.Parsing;

namespace Dynamo.Cli.Tests.Commands;

public class DurationsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0s", 0)]
    public void A_number_with_a_unit_is_a_duration(string text, int expectedMs)
    {
        Assert.True(Durations.TryParse(text, out var duration, out _));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), duration);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("s")]
    [InlineData("-5s")]
    [InlineData("5 minutes")]
    [InlineData("2M")]
    [InlineData("")]
    public void Anything_else_is_refused_with_an_example_of_the_syntax(string text)
    {
        Assert.False(Durations.TryParse(text, out _, out var error));
        Assert.Equal($"'{text}' is not a duration: write a number and a unit, like 500ms, 30s or 2m.", error);
    }
}
