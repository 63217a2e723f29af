using Dynamo.Cli.Commands;

namespace Dynamo.Cli.Tests.Commands;

public sealed class PlanCommandTests
{
    private static readonly string[] Callers = ["--parameter", "AllowedCidrs=203.0.113.0/24", "--parameter", "AlarmEmail=ops@example.com"];

    [Fact]
    public async Task The_defaults_deploy_but_warn_that_no_caller_gets_in_and_no_one_hears_the_alarms()
    {
        var (code, output, error) = await Plan("dev");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Stage = dev", output, StringComparison.Ordinal);
        Assert.Contains("ThrottlingRateLimit = 50 (default)", output, StringComparison.Ordinal);
        var warnings = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, warnings.Length);
        Assert.Contains(warnings, w => w.StartsWith("dynamo: warning: AllowedCidrs is 127.0.0.1/32,::1/128: loopback only", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith("dynamo: warning: AlarmEmail is empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Named_callers_and_an_alarm_address_leave_nothing_to_warn_about()
    {
        var (code, output, error) = await Plan("prod", Callers);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("AllowedCidrs = 203.0.113.0/24", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("Foo=1", "Unknown parameter 'Foo'")]
    [InlineData("ThrottlingRateLimit=0", "ThrottlingRateLimit")]
    [InlineData("LogRetentionDays=2", "LogRetentionDays")]
    [InlineData("AlarmEmail=not-an-address", "AlarmEmail")]
    public async Task A_value_CloudFormation_would_refuse_exits_1_with_one_line_naming_it(string assignment, string named)
    {
        var (code, _, error) = await Plan("dev", [.. Callers, "--parameter", assignment]);

        Assert.Equal(ExitCodes.Failure, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("dynamo: a deployment would be refused: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_stage_is_a_usage_error()
    {
        var (code, _, _) = await Plan("qa");

        Assert.Equal(ExitCodes.Usage, code);
    }

    private static async Task<(int Code, string Output, string Error)> Plan(string stage, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(), ["plan", stage, .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
