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

/// <summary>`dynamo cost`'s options and its refusals: one line, never a stack trace.</summary>
public class CostCommandTests
{
    [Theory]
    [InlineData("--price-write-units", "-1", "--price-write-units takes a number, 0 or more, like 0.625; got '-1'.")]
    [InlineData("--price-api-requests", "abc", "--price-api-requests takes a number, 0 or more, like 3.50; got 'abc'.")]
    [InlineData("--console", "ftp://x", "--console takes the console's http URL, like http://127.0.0.1:3001/_console/; got 'ftp://x'.")]
    public async Task A_bad_option_value_is_a_one_line_usage_error(string option, string value, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(), ["cost", option, value], output, error);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal($"dynamo: {message} See 'dynamo --help'.", error.ToString().Trim());
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task A_console_that_does_not_answer_is_a_one_line_failure()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(), ["cost", "--console", "http://127.0.0.1:9/_console/"], output, error);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("dynamo: Nothing answers at http://127.0.0.1:9/_console/: is the local stack running (scripts/dynamo local)?", error.ToString().Trim());
    }
}
