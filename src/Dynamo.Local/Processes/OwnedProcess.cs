using System.Diagnostics;

namespace Dynamo.Local.Processes;

/// <summary>
/// A child program that never outlives its owner (by default this .NET process), even when the owner dies by
/// SIGKILL. .NET has no pre-exec hook, and PR_SET_PDEATHSIG fires when the forking *thread* ends (a thread-pool
/// thread may retire at any time), so a single-threaded shell watchdog forks the program under
/// <c>setpriv --pdeathsig KILL</c> (it dies with the shell), and a background loop of the shell kills it when
/// the owner is gone. The shell exits as soon as the program does, with its exit status, so
/// <see cref="Exited"/> completes without polling delay.
/// </summary>
public sealed class OwnedProcess : IAsyncDisposable
{
    // $1 = the PID to outlive; the rest is the command line. Prints the program's PID first. The owner watch
    // writes nowhere, so the output pipes close when the program and this shell are gone.
    private const string Watchdog = """
        owner=$1; shift
        setpriv --pdeathsig KILL -- "$@" &
        child=$!
        echo "pid $child"
        ( while kill -0 "$owner" 2>/dev/null; do sleep 0.5; done; kill -KILL "$child" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
        watch=$!
        trap 'kill "$child" 2>/dev/null' TERM INT HUP
        while :; do
          wait "$child" 2>/dev/null; status=$?
          kill -0 "$child" 2>/dev/null || break
        done
        kill "$watch" 2>/dev/null
        exit "$status"
        """;

    private readonly Process _shell;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OwnedProcess(Process shell, int processId)
    {
        _shell = shell;
        ProcessId = processId;
    }

    /// <summary>The program's own PID (not the watchdog's).</summary>
    public int ProcessId { get; }

    /// <summary>Completes with the program's exit status (128 + signal when a signal ended it).</summary>
    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted || !IsRunning(ProcessId);

    /// <summary>
    /// Starts <paramref name="start"/>'s program (its file name, arguments, working directory and environment;
    /// output is always redirected) and hands every line it prints, stdout and stderr, to <paramref name="onLine"/>.
    /// </summary>
    public static async Task<OwnedProcess> StartAsync(ProcessStartInfo start, Action<string> onLine, int ownerProcessId = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(onLine);
        var shell = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = start.WorkingDirectory,
        };
        shell.Environment.Clear();
        foreach (var (name, value) in start.Environment)
            shell.Environment[name] = value;
        foreach (var arg in new[] { "-c", Watchdog, "dynamo-watchdog", (ownerProcessId == 0 ? Environment.ProcessId : ownerProcessId).ToString(System.Globalization.CultureInfo.InvariantCulture), start.FileName })
            shell.ArgumentList.Add(arg);
        foreach (var arg in start.ArgumentList)
            shell.ArgumentList.Add(arg);

        var process = new Process { StartInfo = shell, EnableRaisingEvents = true };
        var pid = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Line(string? line)
        {
            if (line is null) return;
            if (!pid.Task.IsCompleted && line.StartsWith("pid ", StringComparison.Ordinal)
                && int.TryParse(line.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                pid.TrySetResult(id);
                return;
            }
            onLine(line);
        }
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.Exited += (_, _) => pid.TrySetException(new InvalidOperationException($"{start.FileName} did not start."));
        if (!process.Start())
            throw new InvalidOperationException("Could not start /bin/sh.");
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        int programId;
        try
        {
            programId = await pid.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
        var owned = new OwnedProcess(process, programId);
        _ = owned.WatchAsync();
        return owned;
    }

    private async Task WatchAsync()
    {
        await _shell.WaitForExitAsync().ConfigureAwait(false);
        _exited.TrySetResult(_shell.ExitCode);
    }

    /// <summary>An exit status of <see cref="Exited"/> in Lambda's words: "exit status 1", "signal: killed".</summary>
    public static string DescribeExit(int status) => status switch
    {
        137 => "signal: killed",
        > 128 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"signal: {status - 128}"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"exit status {status}"),
    };

    /// <summary>Sends SIGKILL to the program (not to the watchdog, which then exits on its own).</summary>
    public void Kill()
    {
        if (_exited.Task.IsCompleted) return;
        try { Process.GetProcessById(ProcessId).Kill(); }
        catch (ArgumentException) { }
        catch (InvalidOperationException) { }
    }

    /// <summary>
    /// True while the process runs: a process killed but not yet reaped by its shell is a zombie ('Z' in
    /// /proc/PID/stat) and counts as gone.
    /// </summary>
    public static bool IsRunning(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..];
            return state.Length > 0 && state[0] is not ('Z' or 'X');
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>Kills the program and waits (up to 5 s) for its watchdog to end.</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _shell.Kill(entireProcessTree: true);
        }
        _shell.Dispose();
    }
}
