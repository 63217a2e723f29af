using System.Diagnostics;
using Dynamo.Local.Store;

namespace Dynamo.Cli.Tests.Commands;

/// <summary>
/// How scripts/publish.sh decides that the Native AOT bootstrap `dynamo local` runs must be published again: by the
/// content of its inputs, never their timestamps, and never by what bin/ and obj/ hold. Run on a copy of the script
/// in a scratch tree, so nothing is published.
/// </summary>
public sealed class IncrementalPublishTests : IDisposable
{
    private readonly string _tree = Path.Combine(Path.GetTempPath(), $"dynamo-publish-{Guid.NewGuid():N}");

    public IncrementalPublishTests()
    {
        var root = RepositoryRoot.Find();
        Directory.CreateDirectory(Path.Combine(_tree, "scripts", "lib"));
        File.Copy(Path.Combine(root, "scripts", "publish.sh"), Path.Combine(_tree, "scripts", "publish.sh"));
        File.Copy(Path.Combine(root, "scripts", "lib", "common.sh"), Path.Combine(_tree, "scripts", "lib", "common.sh"));
        foreach (var project in new[] { "Dynamo.Functions", "Dynamo.Core", "Dynamo.Contracts", "Dynamo.Lambda", "Dynamo.Lambda.Generators", "Dynamo.Lambda.Extensions" })
        {
            Directory.CreateDirectory(Path.Combine(_tree, "src", project));
            File.WriteAllText(Path.Combine(_tree, "src", project, "Code.cs"), $"// {project}\n");
        }
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "nuget.config", "src/LambdaLayer.props" })
            File.WriteAllText(Path.Combine(_tree, file), file);
    }

    private string Run(string argument)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(_tree, "scripts", "publish.sh"), argument])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _tree,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return output.Trim();
    }

    [Fact]
    public void Every_project_the_bootstrap_is_built_from_is_an_input()
    {
        // A project left out would let a changed source deploy a stale bootstrap.
        var root = RepositoryRoot.Find();
        var script = File.ReadAllText(Path.Combine(root, "scripts", "publish.sh"));
        var pending = new Stack<string>([Path.Combine(root, "src", "Dynamo.Functions", "Dynamo.Functions.csproj")]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryPop(out var project))
        {
            if (!seen.Add(Path.GetFullPath(project))) continue;
            var folder = Path.GetDirectoryName(project)!;
            var input = Path.GetRelativePath(root, folder).Replace('\\', '/');
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(script, $@"(?<![\w./-]){System.Text.RegularExpressions.Regex.Escape(input)}(?![\w./-])"),
                $"scripts/publish.sh does not list {input}, which the bootstrap is built from, among its inputs");
            foreach (var reference in System.Xml.Linq.XDocument.Load(project).Descendants("ProjectReference"))
                pending.Push(Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value)));
        }
        Assert.True(seen.Count >= 5, $"only {seen.Count} projects found");
    }

    [Fact]
    public void An_edit_of_an_input_changes_the_hash_and_a_touch_or_a_build_output_does_not()
    {
        var first = Run("--inputs-hash");
        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.Equal("stale", Run("--status"));

        var code = Path.Combine(_tree, "src", "Dynamo.Core", "Code.cs");
        File.SetLastWriteTimeUtc(code, DateTime.UtcNow.AddHours(1));
        Directory.CreateDirectory(Path.Combine(_tree, "src", "Dynamo.Core", "obj"));
        File.WriteAllText(Path.Combine(_tree, "src", "Dynamo.Core", "obj", "project.assets.json"), "{}");
        Assert.Equal(first, Run("--inputs-hash"));

        File.AppendAllText(code, "// edited\n");
        var edited = Run("--inputs-hash");
        Assert.NotEqual(first, edited);

        // What the last publish left: its bootstrap, its zip and the hash of the inputs it was built from.
        var functions = Path.Combine(_tree, "artifacts", "functions");
        Directory.CreateDirectory(functions);
        File.WriteAllText(Path.Combine(functions, "bootstrap"), "");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(functions, "bootstrap"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(_tree, "artifacts", "functions.zip"), "");
        File.WriteAllText(Path.Combine(functions, "inputs.sha256"), edited + "\n");
        Assert.Equal("up to date", Run("--status"));
        Assert.StartsWith("Native AOT functions up to date", Run(""), StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(_tree, "global.json"), "{}");
        Assert.Equal("stale", Run("--status"));
    }

    public void Dispose() => Directory.Delete(_tree, recursive: true);
}
