using System.CommandLine;
using Dynamo.Cli.Commands;

namespace Dynamo.Cli.Tests.Commands;

/// <summary>`dynamo local`'s options: bad values are usage errors before anything starts.</summary>
public class LocalCommandTests
{
    [Theory]
    [InlineData("--write-capacity", "0", "--write-capacity takes a whole number of write units per second, 1 or more.")]
    [InlineData("--port", "70000", "--port takes a TCP port, 1 to 65535.")]
    [InlineData("--dynamodb-port", "0", "--dynamodb-port takes a TCP port, 1 to 65535.")]
    [InlineData("--dynamodb-local-port", "65536", "--dynamodb-local-port takes a TCP port, 1 to 65535.")]
    [InlineData("--console-port", "0", "--console-port takes a TCP port, 1 to 65535.")]
    [InlineData("--parameter", "=x", "--parameter takes Name=Value (Name alphanumeric), got '=x'.")]
    public async Task A_bad_option_value_is_a_one_line_usage_error(string option, string value, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(), ["local", option, value], output, error);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal($"dynamo: {message} See 'dynamo --help'.", error.ToString().Trim());
        Assert.Equal("", output.ToString());
    }
}
