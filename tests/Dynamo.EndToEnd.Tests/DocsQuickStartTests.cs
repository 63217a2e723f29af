using System.Diagnostics;
using System.Text.RegularExpressions;
using Dynamo.Local.Store;

namespace Dynamo.EndToEnd.Tests;

/// <summary>
/// The quick-start curl lines of README.md and docs/getting-started.md (every block between the quickstart
/// markers), run as written (bash, curl) against the local stack.
/// </summary>
[Collection(LocalStackTests.Name)]
public sealed partial class DocsQuickStartTests(LocalStackFixture stack)
{
    private const string DocumentedApi = "http://127.0.0.1:3000/dev";

    private static readonly string[] Pages = ["README.md", "docs/getting-started.md"];

    /// <summary>The commands between the quickstart markers of each page, continuation lines joined.</summary>
    public static TheoryData<string, string> Commands()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in Pages)
        {
            var text = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), page));
            var blocks = QuickStart().Matches(text);
            Assert.True(blocks.Count > 0, $"{page} has no <!-- quickstart --> block.");
            foreach (var command in blocks.SelectMany(block => block.Groups["code"].Value.Replace("\\\n", " ", StringComparison.Ordinal)
                         .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                data.Add(page, command);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task The_documented_example_works_as_written(string page, string command)
    {
        Assert.True(command.Contains(DocumentedApi, StringComparison.Ordinal), $"{page}: {command}");
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
