using System.Text.Json;

namespace Dynamo.Local.Monitoring;

/// <summary>
/// The `dynamo load` reports under one folder: every directory holding a report.html beside its report.json, a few
/// levels deep (build output, node_modules and .git skipped), newest first, each with the figures its report.json
/// leads with. Only those two files are ever served, and only from inside the folder.
/// </summary>
internal sealed class LoadReportFolder(string root)
{
    public const string Html = "report.html";
    public const string Json = "report.json";
    private const int MaxDepth = 5;
    private const int MaxReports = 200;
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "node_modules", ".git", "bin", "obj", ".tools", ".dynamo" };
    private static readonly string[] Figures = ["rowsSent", "requests", "rowsVerified", "lost", "corrupted", "duplicated", "offeredRequests", "admittedRequests"];

    public string Root { get; } = Path.GetFullPath(root);

    public IReadOnlyList<LoadReportListing> Find()
    {
        var found = new List<LoadReportListing>();
        if (Directory.Exists(Root)) Walk(Root, 0, found);
        return [.. found.OrderByDescending(report => report.ModifiedMs).Take(MaxReports)];
    }

    /// <summary>The full path of report.html or report.json at <paramref name="relative"/> inside the folder, or null.</summary>
    public string? File(string relative)
    {
        var name = Path.GetFileName(relative);
        if (name is not (Html or Json)) return null;
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        var inside = full.StartsWith(Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside && System.IO.File.Exists(full) ? full : null;
    }

    private void Walk(string directory, int depth, List<LoadReportListing> found)
    {
        var html = Path.Combine(directory, Html);
        var json = Path.Combine(directory, Json);
        if (System.IO.File.Exists(html) && System.IO.File.Exists(json))
            found.Add(new LoadReportListing(
                Path.GetRelativePath(Root, directory).Replace(Path.DirectorySeparatorChar, '/'),
                new DateTimeOffset(System.IO.File.GetLastWriteTimeUtc(html)).ToUnixTimeMilliseconds(),
                Summary(json)));
        if (depth >= MaxDepth) return;
        IEnumerable<string> children;
        try { children = Directory.EnumerateDirectories(directory); }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException) { return; }
        foreach (var child in children.Order(StringComparer.Ordinal))
            if (!Skipped.Contains(Path.GetFileName(child)) && (new DirectoryInfo(child).Attributes & FileAttributes.ReparsePoint) == 0)
                Walk(child, depth + 1, found);
    }

    // A report that cannot be read still lists, without figures: the page opens it as it is.
    private static Dictionary<string, double> Summary(string json)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        try
        {
            using var report = JsonDocument.Parse(System.IO.File.ReadAllBytes(json));
            if (report.RootElement.ValueKind != JsonValueKind.Object) return figures;
            foreach (var name in Figures)
                if (report.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number)
                    figures[name] = value.GetDouble();
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
        }
        return figures;
    }
}

/// <summary>One report: its folder relative to the reports folder ('.' for the folder itself), when it was written, and its leading figures.</summary>
public sealed record LoadReportListing(string Path, long ModifiedMs, IReadOnlyDictionary<string, double> Figures);
