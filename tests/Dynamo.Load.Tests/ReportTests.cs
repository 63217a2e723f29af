using System.Text.Json;
using System.Text.RegularExpressions;
using Dynamo.Load.Reporting;

namespace Dynamo.Load.Tests;

public sealed partial class ReportTests
{
    [Fact]
    public void The_onset_is_the_offered_rate_of_the_first_second_with_more_than_one_percent_429()
    {
        var report = SampleReports.ThrottledRamp();

        Assert.Equal(9, report.ThrottleOnsetSecond);
        Assert.Equal(5 + 9 * 35 / 20, report.ThrottleOnsetRps);
    }

    [Fact]
    public void Seconds_after_the_schedule_are_not_searched_for_the_onset()
    {
        var windows = SampleReports.ThrottledRamp().Windows;

        Assert.Null(ThrottleOnset.Find(windows, scheduled: 9));
    }

    [Fact]
    public void The_page_is_one_file_with_four_charts_inside_it_and_the_summary()
    {
        var html = ReportPage.Render(SampleReports.ThrottledRamp());

        var images = EmbeddedPng().Matches(html);
        Assert.Equal(4, images.Count);
        Assert.All(images, image => Assert.StartsWith("\x89PNG", System.Text.Encoding.Latin1.GetString(Convert.FromBase64String(image.Groups[1].Value)[..4]), StringComparison.Ordinal));
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.Contains("Throttling started at 20 requests/s offered (second 9)", html, StringComparison.Ordinal);
        Assert.Contains("Nothing lost", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_json_has_the_contract_fields_and_the_series()
    {
        var directory = Directory.CreateTempSubdirectory("dynamo-load-report-");
        try
        {
            await ReportFiles.WriteAsync(SampleReports.ThrottledRamp(), directory.FullName, CancellationToken.None);

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory.FullName, "report.json")));
            var root = json.RootElement;
            foreach (var field in new[] { "rowsSent", "requests", "rowsVerified", "lost", "corrupted", "duplicated", "status", "latencyMs", "throttleOnsetRps", "windows" })
                Assert.True(root.TryGetProperty(field, out _), field);
            Assert.Equal(140, root.GetProperty("status").GetProperty("429").GetInt64());
            Assert.Equal(90, root.GetProperty("latencyMs").GetProperty("p99").GetDouble());
            Assert.Equal(24, root.GetProperty("windows").GetArrayLength());
            Assert.True(File.Exists(Path.Combine(directory.FullName, "report.html")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_updates_report_counts_its_stale_rows_conflicts_and_keys_in_the_json_and_the_page()
    {
        var report = SampleReports.ThrottledRamp() with { Stale = 1_234, Conflicts = 0, Keys = 7_500, RowsVerified = 7_500 };
        var directory = Directory.CreateTempSubdirectory("dynamo-load-report-");
        try
        {
            await ReportFiles.WriteAsync(report, directory.FullName, CancellationToken.None);

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory.FullName, "report.json")));
            Assert.Equal((1_234L, 0L, 7_500L), (json.RootElement.GetProperty("stale").GetInt64(), json.RootElement.GetProperty("conflicts").GetInt64(),
                json.RootElement.GetProperty("keys").GetInt64()));
            var html = await File.ReadAllTextAsync(Path.Combine(directory.FullName, "report.html"));
            Assert.Contains("<tr><th>Stale (a newer version was stored)</th><td class=\"n\">1,234</td></tr>", html, StringComparison.Ordinal);
            Assert.Contains("<tr><th>Conflicts (same version, other content)</th><td class=\"n\">0</td></tr>", html, StringComparison.Ordinal);
            Assert.Contains("every key was read back at its newest version", html, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_conflict_fails_an_updates_run_however_well_everything_else_went()
    {
        var report = SampleReports.ThrottledRamp() with { Keys = 7_500 };

        Assert.True(report.EveryRowStored);
        Assert.False((report with { Conflicts = 1 }).EveryRowStored);
    }

    [GeneratedRegex("<img alt=\"[^\"]+\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">")]
    private static partial Regex EmbeddedPng();
}
