using Dynamo.Core.Access;

namespace Dynamo.Functions.Tests.Access;

public sealed class SourceIpAccessTests
{
    [Theory]
    [InlineData("203.0.113.10", AccessDecision.Allow)]
    [InlineData("203.0.113.200", AccessDecision.Deny)]
    [InlineData("2001:db8::42", AccessDecision.Allow)]
    [InlineData("2001:db9::42", AccessDecision.Deny)]
    [InlineData("::ffff:203.0.113.10", AccessDecision.Allow)]
    [InlineData(null, AccessDecision.Unauthorized)]
    [InlineData("", AccessDecision.Unauthorized)]
    [InlineData("not-an-ip", AccessDecision.Unauthorized)]
    [InlineData("203.0.113.10, 10.0.0.1", AccessDecision.Unauthorized)]
    public void A_caller_is_decided_by_its_source_address(string? sourceIp, AccessDecision expected)
    {
        var access = SourceIpAccess.FromConfiguration("203.0.113.0/28, 2001:db8::/32");

        Assert.Null(access.ConfigurationError);
        Assert.Equal(expected, access.Decide(sourceIp));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10.0.0.0/8, nonsense")]
    public void A_missing_or_malformed_configuration_denies_everyone_and_says_why(string? configuration)
    {
        var access = SourceIpAccess.FromConfiguration(configuration);

        Assert.StartsWith("Every caller is denied", access.ConfigurationError);
        Assert.Equal(AccessDecision.Deny, access.Decide("10.0.0.1"));
        Assert.Equal(AccessDecision.Unauthorized, access.Decide(null));
    }
}
