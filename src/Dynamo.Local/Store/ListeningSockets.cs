using System.Globalization;

namespace Dynamo.Local.Store;

/// <summary>
/// Tells whether a given process is the one listening on a TCP port, from /proc: another server may hold
/// the port we picked, and answering on it is no proof that our own DynamoDB Local is up.
/// </summary>
public static class ListeningSockets
{
    private const string ListenState = "0A";

    public static bool IsListening(int processId, int port) => OwnsAny(processId, ListeningInodes(port));

    /// <summary>Something listens on the port, and it is not the given process.</summary>
    public static bool IsHeldByAnother(int processId, int port)
    {
        var inodes = ListeningInodes(port);
        return inodes.Count > 0 && !OwnsAny(processId, inodes);
    }

    private static bool OwnsAny(int processId, HashSet<string> inodes)
    {
        if (inodes.Count == 0) return false;
        var fdDir = $"/proc/{processId}/fd";
        if (!Directory.Exists(fdDir)) return false;
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries(fdDir))
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                    && inodes.Contains(target["socket:[".Length..^1]))
                    return true;
            }
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
        return false;
    }

    private static HashSet<string> ListeningInodes(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 10 || f[3] != ListenState) continue;
                var local = f[1];
                var localPort = int.Parse(local[(local.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (localPort == port) inodes.Add(f[9]);
            }
        }
        return inodes;
    }
}
