using System.Diagnostics;
using System.Text.RegularExpressions;
using Dynamo.Local.Store;

namespace Dynamo.EndToEnd.Tests;

/// <summary>The README's quick-start curl lines, run as written (bash, curl) against the local stack.</summary>
[Collection(LocalStackTests.Name)]
public sealed partial class ReadmeQuickStartTests(LocalStackFixture stack)
{
    private const string DocumentedApi = "http://127.0.0.1:3000/dev";

    /// <summary>The commands between the quickstart markers, continuation lines joined.</summary>
    public static TheoryData<string> Commands()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md"));
        var block = QuickStart().Match(readme);
        Assert.True(block.Success, "README.md has no <!-- quickstart --> block.");
        var commands = block.Groups["code"].Value.Replace("\\\n", " ", StringComparison.Ordinal)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. commands];
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task The_README_example_works_as_written(string command)
    {
        Assert.Contains(DocumentedApi, command, StringComparison.Ordinal);
        // The stack under test listens on a free port; everything else is run verbatim, plus the status code.
        var script = command.Replace(DocumentedApi, stack.Stack.Endpoints.Api.ToString().TrimEnd('/'), StringComparison.Ordinal)
            + " -o /dev/null -w '%{http_code}'";
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var curl = Process.Start(start)!;
        var status = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();

        Assert.Equal(0, curl.ExitCode);
        Assert.Equal("200", status);
    }

    [GeneratedRegex(@"<!-- quickstart -->\s*```bash\n(?<code>.*?)```\s*<!-- /quickstart -->", RegexOptions.Singleline)]
    private static partial Regex QuickStart();
}
