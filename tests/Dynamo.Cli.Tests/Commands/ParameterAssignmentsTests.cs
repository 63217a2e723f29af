using Dynamo.Cli.Commands.Parsing;

namespace Dynamo.Cli.Tests.Commands;

public class ParameterAssignmentsTests
{
    [Fact]
    public void Assignments_become_overrides_and_a_later_one_wins()
    {
        Assert.True(ParameterAssignments.TryParse(
            ["Stage=prod", "AllowedCidrs=10.0.0.0/8,::1/128", "MaxWriteRequestUnits=", "Note=a=b", "Stage=staging"],
            out var parameters, out _));

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Stage"] = "staging",
                ["AllowedCidrs"] = "10.0.0.0/8,::1/128",
                ["MaxWriteRequestUnits"] = "",
                ["Note"] = "a=b",
            },
            parameters);
    }

    [Theory]
    [InlineData("Stage")]
    [InlineData("=prod")]
    [InlineData("Sta-ge=prod")]
    public void An_assignment_without_an_alphanumeric_name_is_refused(string assignment)
    {
        Assert.False(ParameterAssignments.TryParse([assignment], out _, out var error));
        Assert.Equal($"--parameter takes Name=Value (Name alphanumeric), got '{assignment}'.", error);
    }
}
