using System.Diagnostics;
using Dynamo.Local.Workers;

namespace Dynamo.IngestCpu;

/// <summary>The bootstrap under test as a child process, and the CPU time it has used.</summary>
internal sealed class FunctionProcess : IAsyncDisposable
{
    private readonly Process _process;

    private FunctionProcess(Process process)
    {
        _process = process;
        Exited = ExitCodeAsync(process);
    }

    public static FunctionProcess Start(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1)) psi.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"{command[0]} did not start.");
        // Its log and EMF lines are drained and dropped: a pipe nobody reads would block the function.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  function: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new FunctionProcess(process);
    }

    /// <summary>
    /// User plus system CPU of every thread of the process, living or ended: on Linux .NET reads utime and
    /// stime from /proc/PID/stat (clock ticks, 10 ms each at the usual USER_HZ of 100).
    /// </summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// The process's peak resident set so far, in MB: after warm-up requests, the peak of a request, which is what Lambda
    /// reports as Max Memory Used (read as the local stack's REPORT lines read it).
    /// </summary>
    public int? PeakRssMegabytes => PlatformReport.PeakResidentMb(_process.Id);

    /// <summary>
    /// Completes when the process has exited, with its exit code: a function (or the profiler wrapping it) that dies
    /// never answers, and the invocation's deadline is ten minutes under valgrind.
    /// </summary>
    public Task<int> Exited { get; }

    private static async Task<int> ExitCodeAsync(Process process)
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first: a profiler wrapping the function (valgrind, perf) writes its output as it exits.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync().ConfigureAwait(false);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await Exited.WaitAsync(patience.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }
        // Exited reads the exit code, which a disposed Process no longer has.
        await Exited.ConfigureAwait(false);
        _process.Dispose();
    }
}
