using System.ComponentModel;
using System.Diagnostics;
using Dynamo.Local.Store;

namespace Dynamo.Local.Tests.Template;

// template.yaml cannot be deployed from here, so AWS's own linter checks it offline: SAM transform, resource
// schemas, intrinsics, best practices. Zero errors and zero warnings: cfn-lint prints nothing and exits 0.
public class CfnLintTests
{
    private static readonly TimeSpan LintTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_templates_pass_cfn_lint_without_errors_or_warnings()
    {
        var root = RepositoryRoot.Find();
        // serverless.template is generated from the code's attributes; it joins the lint once it exists.
        var templates = new[] { "template.yaml", "serverless.template" }.Where(name => File.Exists(Path.Combine(root, name))).ToList();
        Assert.Contains("template.yaml", templates);

        var (exitCode, output) = await CfnLint(root, templates);

        Assert.True(exitCode == 0 && output.Length == 0, $"cfn-lint {string.Join(' ', templates)} exited {exitCode}:\n{output}");
    }

    private static async Task<(int ExitCode, string Output)> CfnLint(string workingDirectory, IEnumerable<string> templates)
    {
        var start = new ProcessStartInfo("cfn-lint")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var template in templates)
            start.ArgumentList.Add(template);

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("cfn-lint is not on PATH; every machine of this kind has it (pip install cfn-lint).", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(LintTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"cfn-lint did not finish within {LintTimeout}.");
            }
            return (process.ExitCode, ((await stdout) + (await stderr)).Trim());
        }
    }
}
