using System.Diagnostics;

namespace Dynamo.Local.Workers;

/// <summary>
/// The <c>Dynamo.Functions</c> executable the workers run: the JIT build (<c>dotnet bootstrap.dll</c>, for a fast
/// edit-run loop) or the Native AOT <c>bootstrap</c> that deploys (scripts/publish.sh).
/// </summary>
public sealed record FunctionsExecutable(string FileName, IReadOnlyList<string> Arguments, string Directory)
{
    /// <summary>Where <c>dotnet build src/Dynamo.Functions -c Release</c> puts the JIT build.</summary>
    public static string JitPath(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "src", "Dynamo.Functions", "bin", "Release", "net10.0", "bootstrap.dll");

    /// <summary>Where scripts/publish.sh puts the Native AOT bootstrap (before zipping it).</summary>
    public static string AotPath(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "artifacts", "functions", "bootstrap");

    public static FunctionsExecutable Jit(string bootstrapDll) =>
        File.Exists(bootstrapDll)
            ? new("dotnet", [bootstrapDll], Path.GetDirectoryName(bootstrapDll)!)
            : throw new FileNotFoundException($"The functions are not built ({bootstrapDll} is missing): run scripts/dynamo, or dotnet build src/Dynamo.Functions -c Release.", bootstrapDll);

    public static FunctionsExecutable Aot(string bootstrap) =>
        File.Exists(bootstrap)
            ? new(bootstrap, [], Path.GetDirectoryName(bootstrap)!)
            : throw new FileNotFoundException($"The Native AOT functions are not published ({bootstrap} is missing): run scripts/publish.sh.", bootstrap);

    /// <summary>The command line of one worker; its environment is the caller's to fill.</summary>
    public ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo(FileName) { WorkingDirectory = Directory };
        foreach (var argument in Arguments)
            start.ArgumentList.Add(argument);
        return start;
    }
}
