using System.Diagnostics;
using System.IO.Compression;
using Dynamo.Local.Store;
using Dynamo.Local.Workers;

namespace Dynamo.Functions.Tests.Published;

/// <summary>
/// The bootstrap of artifacts/functions.zip (scripts/publish.sh), unzipped once per test run as Lambda
/// would, and run as a child process against a runtime API server.
/// </summary>
internal sealed class PublishedBootstrap : IAsyncDisposable
{
    private static readonly Lazy<string?> Unzipped = new(Unzip);
    private readonly Process _process;

    private PublishedBootstrap(Process process) => _process = process;

    public static string ZipPath => Path.Combine(RepositoryRoot.Find(), "artifacts", "functions.zip");

    /// <summary>The unzipped executable, or null when the zip was not built.</summary>
    public static string? Executable => Unzipped.Value;

    public int ExitCode => _process.ExitCode;

    public static PublishedBootstrap Start(RuntimeApiServer server, string handler, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(Executable ?? throw new InvalidOperationException($"{ZipPath} is missing: run scripts/publish.sh."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["AWS_LAMBDA_RUNTIME_API"] = server.RuntimeApi;
        // As Lambda starts it for template.yaml: Handler bootstrap, the function chosen by ANNOTATIONS_HANDLER.
        psi.Environment["_HANDLER"] = "bootstrap";
        psi.Environment["ANNOTATIONS_HANDLER"] = handler;
        psi.Environment["AWS_REGION"] = "us-east-1";
        psi.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        psi.Environment["AWS_LAMBDA_FUNCTION_NAME"] = handler;
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            psi.Environment[name] = value;

        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PublishedBootstrap(process);
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static string? Unzip()
    {
        if (!File.Exists(ZipPath)) return null;
        var directory = Path.Combine(Path.GetTempPath(), $"dynamo-functions-{Environment.ProcessId}");
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        ZipFile.ExtractToDirectory(ZipPath, directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        return Path.Combine(directory, "bootstrap");
    }
}

/// <summary>
/// A test of the published package, run when DYNAMO_TEST_AOT=1: scripts/test.sh sets it and publishes first
/// (so the zip is never stale) unless told DYNAMO_TEST_AOT=0; a bare dotnet test skips it.
/// </summary>
public sealed class PublishedFactAttribute : FactAttribute
{
    public const string Variable = "DYNAMO_TEST_AOT";

    public PublishedFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
            Skip = $"Native AOT package tests run from scripts/test.sh ({Variable}=1, the default there).";
    }
}
