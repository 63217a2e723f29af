using System.Net;
using Dynamo.Core.Access;

namespace Dynamo.Functions.Tests.Access;

public sealed class AllowedCidrsTests
{
    private static AllowedCidrs Parse(string text)
    {
        Assert.True(AllowedCidrs.TryParse(text, out var cidrs, out var error), error);
        return cidrs;
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("203.0.113.7", "203.0.113.7", true)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    [InlineData("2001:db8::/32", "2001:db8:1::5", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "::ffff:11.1.2.3", false)]
    [InlineData("0.0.0.0/0", "198.51.100.1", true)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]
    [InlineData("127.0.0.1/32, ::1/128", "::1", true)]
    public void A_caller_is_inside_exactly_the_listed_networks(string cidrs, string caller, bool inside) =>
        Assert.Equal(inside, Parse(cidrs).Contains(IPAddress.Parse(caller)));

    [Fact]
    public void Entries_are_comma_separated_and_whitespace_around_them_is_ignored()
    {
        var cidrs = Parse("  10.0.0.0/8 ,\t192.168.0.0 / 16,\n2001:db8::/32 , ");

        Assert.Equal(["10.0.0.0/8", "192.168.0.0/16", "2001:db8::/32"], cidrs.Networks.Select(n => n.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(" , ,")]
    [InlineData("10.0.0.0/8,banana")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.1/8")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/")]
    [InlineData("10/8")]
    [InlineData("010.0.0.0/8")]
    [InlineData("0x0a.0.0.0/8")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.0.0.0/8;192.168.0.0/16")]
    public void A_missing_or_malformed_list_is_refused_with_a_reason(string? text)
    {
        Assert.False(AllowedCidrs.TryParse(text, out var cidrs, out var error));
        Assert.NotEmpty(error);
        Assert.Empty(cidrs.Networks);
    }
}
