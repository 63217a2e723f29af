using System.CommandLine;
using Dynamo.Cli.Commands;
using Dynamo.Cli.Commands.Parsing;
using Dynamo.Local.Template;

namespace Dynamo.Cli.Tests.Commands;

public class CommandLineRunnerTests
{
    [Fact]
    public async Task Help_exits_0_and_lists_the_implemented_verbs()
    {
        var (code, output, error) = await Run(RootCommandFactory.Create(), "--help");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains("  local ", output, StringComparison.Ordinal);
        Assert.Contains("  query <PARTIQL>", output, StringComparison.Ordinal);
        Assert.Contains("  template ", output, StringComparison.Ordinal);
        Assert.Contains("  send <FILE>", output, StringComparison.Ordinal);
        Assert.Contains("  load ", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("frob")]
    [InlineData("--bogus")]
    [InlineData("frob", "--bogus", "x")]
    public async Task An_unknown_verb_or_option_is_a_one_line_usage_error(params string[] args)
    {
        var (code, output, error) = await Run(RootCommandFactory.Create(), args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.Equal($"dynamo: Unrecognized command or argument '{args[0]}'. See 'dynamo --help'.", SingleLine(error));
    }

    [Fact]
    public async Task Help_lists_the_registered_verbs()
    {
        var (code, output, _) = await Run(Root(Verb()), "--help");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("probe", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_verb_at_all_is_a_usage_error()
    {
        var (code, _, error) = await Run(RootCommandFactory.Create());

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("dynamo: A command is required. See 'dynamo --help'.", SingleLine(error));
    }

    [Fact]
    public async Task A_bad_duration_is_a_usage_error_that_shows_the_syntax()
    {
        var (code, _, error) = await Run(Root(Verb()), "probe", "--duration", "30");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("dynamo: '30' is not a duration: write a number and a unit, like 500ms, 30s or 2m. See 'dynamo --help'.", SingleLine(error));
    }

    [Fact]
    public async Task A_bad_parameter_assignment_is_a_usage_error()
    {
        var (code, _, error) = await Run(Root(Verb()), "probe", "--parameter", "Stage");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--parameter takes Name=Value", SingleLine(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_reach_the_verb_parsed()
    {
        (TimeSpan Duration, IReadOnlyDictionary<string, string> Parameters)? seen = null;
        var (code, _, _) = await Run(
            Root(Verb((duration, parameters) => seen = (duration, parameters))),
            "probe", "--duration", "2m", "--parameter", "Stage=prod", "--parameter", "ReservedConcurrency=2");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(TimeSpan.FromMinutes(2), seen?.Duration);
        Assert.Equal(new Dictionary<string, string> { ["Stage"] = "prod", ["ReservedConcurrency"] = "2" }, seen?.Parameters);
    }

    [Fact]
    public async Task A_parameter_option_left_out_is_no_overrides()
    {
        IReadOnlyDictionary<string, string>? seen = null;
        var (code, _, _) = await Run(Root(Verb((_, parameters) => seen = parameters)), "probe");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(seen!);
    }

    [Fact]
    public async Task A_user_mistake_found_while_running_is_a_one_line_usage_error_without_stack_trace()
    {
        var (code, _, error) = await Run(Root(Verb((_, _) => throw new TemplateException("Unknown parameter 'Stag': template.yaml declares Stage."))), "probe");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("dynamo: Unknown parameter 'Stag': template.yaml declares Stage. See 'dynamo --help'.", SingleLine(error));
    }

    [Fact]
    public async Task An_unexpected_failure_exits_1_and_keeps_its_stack_trace_for_the_developer()
    {
        var (code, _, error) = await Run(Root(Verb((_, _) => throw new InvalidOperationException("bug"))), "probe");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("InvalidOperationException: bug", error, StringComparison.Ordinal);
        Assert.Contains(" at ", error, StringComparison.Ordinal);
    }

    // A verb taking the shared options, standing in for the contract's verbs.
    private static Command Verb(Action<TimeSpan, IReadOnlyDictionary<string, string>>? run = null)
    {
        var duration = SharedOptions.Duration("--duration", "How long");
        var parameters = SharedOptions.Parameters();
        var verb = new Command("probe") { duration, parameters };
        verb.SetAction(result =>
        {
            run?.Invoke(result.GetValue(duration), result.GetValue(parameters)!);
            return ExitCodes.Success;
        });
        return verb;
    }

    private static RootCommand Root(Command verb) => RootCommandFactory.Create([verb]);

    private static string SingleLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return Assert.Single(lines);
    }

    private static async Task<(int Code, string Output, string Error)> Run(RootCommand root, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(root, args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
