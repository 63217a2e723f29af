using System.Diagnostics;
using System.Text.RegularExpressions;
using Dynamo.Load.Reporting;

namespace Dynamo.Load.Tests;

/// <summary>report.html as a person sees it: opened in headless Chromium (Debian's; scripts/test.sh installs it).</summary>
public sealed partial class ChromiumTests
{
    [SkippableFact]
    public async Task Chromium_shows_the_report_with_its_four_charts_decoded()
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        Skip.If(chromium is null, "Chromium is not installed and could not be (scripts/test.sh installs Debian's chromium with apt-get as root).");
        var directory = Directory.CreateTempSubdirectory("dynamo-load-chromium-");
        try
        {
            await ReportFiles.WriteAsync(SampleReports.ThrottledRamp(), directory.FullName, CancellationToken.None);
            // A script added to a copy reports, into the DOM, how many images decoded to a real size.
            var page = Path.Combine(directory.FullName, "checked.html");
            var html = await File.ReadAllTextAsync(Path.Combine(directory.FullName, "report.html"));
            await File.WriteAllTextAsync(page, html.Replace("</body>",
                "<script>window.onload=()=>{const n=[...document.images].filter(i=>i.complete&&i.naturalWidth>=900).length;document.body.setAttribute('data-decoded',n);}</script></body>", StringComparison.Ordinal));

            var dom = await RunAsync(chromium!, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000", "--dump-dom", new Uri(page).AbsoluteUri);

            Assert.Equal(4, ImageElement().Count(dom));
            Assert.Contains("data-decoded=\"4\"", dom, StringComparison.Ordinal);
            Assert.Contains("Throttling started at 20 requests/s", dom, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Chromium did not finish in 60 s: {await error}");
        }
        Assert.True(process.ExitCode == 0, $"Chromium exited {process.ExitCode}: {await error}");
        return await output;
    }

    [GeneratedRegex("<img [^>]*src=\"data:image/png;base64,")]
    private static partial Regex ImageElement();
}
