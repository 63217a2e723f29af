using System.Text;
using System.Text.Json;

namespace Dynamo.Load.Reporting;

/// <summary>Writes report.json and report.html into a directory.</summary>
public static class ReportFiles
{
    public const string Json = "report.json";
    public const string Html = "report.html";

    public static async Task WriteAsync(LoadReport report, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, Json),
            JsonSerializer.SerializeToUtf8Bytes(report, LoadReportJsonContext.Default.LoadReport), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, Html), ReportPage.Render(report), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
    }
}
