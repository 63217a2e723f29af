using System.Text.Json;
using Dynamo.Core.Access;
using Amazon.Lambda.APIGatewayEvents;
using Dynamo.Lambda.Extensions;
using Dynamo.Testing;

namespace Dynamo.Functions.Tests;

public sealed class AuthorizerFunctionTests
{
    private const string WholeStage = "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/*/*";

    private static APIGatewayCustomAuthorizerRequest Event(string? sourceIp, IReadOnlyDictionary<string, string>? headers = null) =>
        new FunctionsJsonSerializer().Deserialize<APIGatewayCustomAuthorizerRequest>(new MemoryStream(EventFixtures.AuthorizerEvent(sourceIp, headers)));

    private static Task<APIGatewayCustomAuthorizerResponse> Authorize(string? allowedCidrs, APIGatewayCustomAuthorizerRequest request) =>
        Task.FromResult(new AuthorizerFunction(SourceIpAccess.FromConfiguration(allowedCidrs)).Authorize(request));

    private static APIGatewayCustomAuthorizerPolicy.IAMPolicyStatement Statement(APIGatewayCustomAuthorizerResponse response)
    {
        Assert.Equal("2012-10-17", response.PolicyDocument.Version);
        var statement = Assert.Single(response.PolicyDocument.Statement);
        Assert.Equal(["execute-api:Invoke"], statement.Action);
        return statement;
    }

    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.10")]
    [InlineData("2001:db8::/32", "2001:db8:ab::1")]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.10")]
    public async Task An_allowed_caller_gets_an_Allow_policy_for_the_whole_stage(string cidrs, string sourceIp)
    {
        var response = await Authorize(cidrs, Event(sourceIp));

        var statement = Statement(response);
        Assert.Equal("Allow", statement.Effect);
        Assert.Equal([WholeStage], statement.Resource);
        Assert.Equal(sourceIp, response.PrincipalID);
    }

    [Theory]
    [InlineData("198.51.100.0/24", "203.0.113.10")]
    [InlineData("2001:db8::/32", "203.0.113.10")]
    [InlineData("203.0.113.0/24", "2001:db8::1")]
    public async Task A_caller_outside_the_allowed_networks_is_denied(string cidrs, string sourceIp)
    {
        var statement = Statement(await Authorize(cidrs, Event(sourceIp)));

        Assert.Equal("Deny", statement.Effect);
    }

    [Fact]
    public async Task Forwarding_headers_written_by_the_caller_are_never_believed()
    {
        var spoofed = Event("198.51.100.66", new Dictionary<string, string>
        {
            ["X-Forwarded-For"] = "203.0.113.10",
            ["X-Real-IP"] = "203.0.113.10",
            ["Forwarded"] = "for=203.0.113.10;proto=https",
            ["X-Client-IP"] = "203.0.113.10",
            ["True-Client-IP"] = "203.0.113.10",
        });

        var statement = Statement(await Authorize("203.0.113.0/24", spoofed));

        Assert.Equal("Deny", statement.Effect);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("10.0.0.0/8, banana")]
    [InlineData("10.0.0.1/8")]
    public async Task A_missing_or_malformed_configuration_denies_even_a_caller_it_would_list(string? cidrs)
    {
        var statement = Statement(await Authorize(cidrs, Event("10.0.0.1")));

        Assert.Equal("Deny", statement.Effect);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("unknown")]
    public async Task An_event_without_a_usable_source_address_is_Unauthorized(string? sourceIp)
    {
        var error = await Assert.ThrowsAsync<UnauthorizedException>(() => Authorize("0.0.0.0/0", Event(sourceIp)));

        // API Gateway answers 401 only for this exact error message.
        Assert.Equal("Unauthorized", error.Message);
    }

    [Fact]
    public async Task A_malformed_method_ARN_gets_a_Deny_whatever_the_caller()
    {
        var request = Event("203.0.113.10");
        var malformed = new APIGatewayCustomAuthorizerRequest { MethodArn = "not-an-arn", RequestContext = request.RequestContext };

        var statement = Statement(await Authorize("203.0.113.0/24", malformed));

        Assert.Equal("Deny", statement.Effect);
    }

    [Fact]
    public void A_bad_configuration_is_logged_once_at_start_up()
    {
        var logger = new TestLambdaContext.Lines();
        Environment.SetEnvironmentVariable(AuthorizerFunction.AllowedCidrsVariable, "10.0.0.0/8, oops");
        try
        {
            AuthorizerFunction.FromEnvironment(logger);
        }
        finally
        {
            Environment.SetEnvironmentVariable(AuthorizerFunction.AllowedCidrsVariable, null);
        }

        var line = Assert.Single(logger.Logged);
        Assert.Contains("'oops'", line);
    }
}
