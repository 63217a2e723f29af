using System.Diagnostics;
using Dynamo.Local.Store;

namespace Dynamo.EndToEnd.Tests;

/// <summary>Shell lines run after sourcing scripts/lib/common.sh, which owns installing and finding the tools the tests drive.</summary>
internal static class CommonSh
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <paramref name="command"/> from the repository root: its exit code, stdout and stderr.</summary>
    public static async Task<(int Code, string Output, string Error)> TryRunAsync(string command, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot.Find(), RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"source scripts/lib/common.sh && {command}");
        using var bash = Process.Start(start)!;
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        using var giveUp = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await bash.WaitForExitAsync(giveUp.Token);
        }
        catch (OperationCanceledException)
        {
            bash.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {timeout ?? DefaultTimeout}:\n{await stdout}\n{await stderr}");
        }
        return (bash.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs <paramref name="command"/> and fails the test unless it exits 0; its stdout.</summary>
    public static async Task<string> RunAsync(string command)
    {
        var (code, output, error) = await TryRunAsync(command);
        Assert.True(code == 0, $"{command} failed (exit {code}): {error}");
        return output;
    }
}
