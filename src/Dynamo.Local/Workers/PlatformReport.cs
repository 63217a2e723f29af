using System.Globalization;

namespace Dynamo.Local.Workers;

/// <summary>
/// The platform line Lambda writes to a function's log stream after each invocation, in Lambda's own format:
/// <c>REPORT RequestId: ID\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 1024 MB\tMax Memory Used: 87 MB</c>,
/// with <c>\tInit Duration: 95.12 ms</c> after a cold start. The billed duration is the duration rounded up to the next
/// millisecond (Lambda's rule since December 2020); on a cold start it includes the Init phase, which Lambda bills for
/// an OS-only runtime (provided.al2023, ours) and, since 1 August 2025, for every runtime. Max Memory Used is the
/// sandbox process's peak resident set (VmHWM of /proc/PID/status), as Lambda reports its micro-VM's.
/// </summary>
public static class PlatformReport
{
    public const string Prefix = "REPORT RequestId: ";

    /// <summary>Lambda's billed milliseconds: the invocation (and, after a cold start, its Init) rounded up to the next ms.</summary>
    public static long BilledMilliseconds(TimeSpan duration, TimeSpan? initDuration = null) =>
        (long)Math.Ceiling(Math.Round((duration + (initDuration ?? TimeSpan.Zero)).TotalMilliseconds, 6));

    public static string Line(string requestId, TimeSpan duration, int memorySizeMb, int? maxMemoryUsedMb, TimeSpan? initDuration = null)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}{requestId}\tDuration: {duration.TotalMilliseconds:0.00} ms\tBilled Duration: {BilledMilliseconds(duration, initDuration)} ms\tMemory Size: {memorySizeMb} MB\tMax Memory Used: {maxMemoryUsedMb ?? 0} MB");
        return initDuration is { } init
            ? line + string.Create(CultureInfo.InvariantCulture, $"\tInit Duration: {init.TotalMilliseconds:0.00} ms")
            : line;
    }

    /// <summary>A REPORT line read back: its billed milliseconds and memory size; null for any other line.</summary>
    public static (long BilledMs, int MemorySizeMb, int MaxMemoryUsedMb)? Read(string text)
    {
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        long? billed = null;
        int? memory = null;
        var used = 0;
        foreach (var field in text.Split('\t'))
        {
            if (Field(field, "Billed Duration: ", " ms") is { } b && long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)) billed = ms;
            else if (Field(field, "Memory Size: ", " MB") is { } m && int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var mb)) memory = mb;
            else if (Field(field, "Max Memory Used: ", " MB") is { } u && int.TryParse(u, NumberStyles.None, CultureInfo.InvariantCulture, out var umb)) used = umb;
        }
        return billed is { } billedMs && memory is { } memorySize ? (billedMs, memorySize, used) : null;
    }

    private static string? Field(string field, string name, string unit) =>
        field.StartsWith(name, StringComparison.Ordinal) && field.EndsWith(unit, StringComparison.Ordinal) ? field[name.Length..^unit.Length] : null;

    /// <summary>The peak resident set of a process in MB (VmHWM, rounded up), or null when /proc does not say (not Linux, or it ended).</summary>
    public static int? PeakResidentMb(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                // "VmHWM:\t   88764 kB"
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var value = line["VmHWM:".Length..].Trim();
                if (value.EndsWith(" kB", StringComparison.Ordinal)
                    && long.TryParse(value[..^3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                    return (int)((kb + 1023) / 1024);
                return null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }
}
