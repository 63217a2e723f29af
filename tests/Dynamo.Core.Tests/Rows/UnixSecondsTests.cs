using Dynamo.Core.Rows;

namespace Dynamo.Core.Tests.Rows;

/// <summary>A date-time version as the number DynamoDB's condition compares: Unix seconds, exact, every fraction digit kept.</summary>
public sealed class UnixSecondsTests
{
    [Theory]
    [InlineData("1970-01-01T00:00:00Z", "0")]
    [InlineData("1970-01-01T01:00:00+01:00", "0")]
    [InlineData("2026-12-03T10:00:00.5Z", "1796292000.5")]
    [InlineData("2026-12-03T10:00:00.500Z", "1796292000.5")]
    [InlineData("2026-12-03t11:00:00.000000000000000000001+01:00", "1796292000.000000000000000000001")]
    [InlineData("1969-12-31T23:59:59.5Z", "-0.5")]
    [InlineData("1969-12-31T23:59:58.25Z", "-1.75")]
    [InlineData("0000-03-01T00:00:00Z", "-62162035200")]
    [InlineData("2016-12-31T23:59:60Z", "1483228800")]
    public void An_instant_is_its_unix_seconds(string text, string seconds)
    {
        Assert.True(Rfc3339DateTime.TryParse(text, out var instant));
        Assert.Equal(seconds, instant.ToUnixSeconds());
    }

    [Fact]
    public void Unix_seconds_order_as_time_does_where_the_utc_text_does_not()
    {
        Assert.True(Rfc3339DateTime.TryParse("2026-01-01T00:00:00Z", out var whole));
        Assert.True(Rfc3339DateTime.TryParse("2026-01-01T00:00:00.5Z", out var half));

        Assert.True(string.CompareOrdinal(half.ToUtcString(), whole.ToUtcString()) < 0);
        Assert.True(DecimalNumber.Parse(half.ToUnixSeconds()) > DecimalNumber.Parse(whole.ToUnixSeconds()));
    }
}
