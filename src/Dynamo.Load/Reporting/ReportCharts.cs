using ScottPlot;

namespace Dynamo.Load.Reporting;

/// <summary>
/// The report's charts, drawn with ScottPlot as PNG images: the x axis is seconds from the start of the run, and
/// the throttle onset (when there is one) is a red line on each chart so the four read together.
/// </summary>
internal static class ReportCharts
{
    private const int Width = 960;
    private const int Height = 330;

    /// <summary>Requests per second: offered (new requests on the schedule), sent (resends included), admitted (past the gateway).</summary>
    public static byte[] Rates(LoadReport report) => Draw(report, "Requests per second", "requests / s", plot =>
    {
        Line(plot, report, "offered", Colors.Gray, w => w.OfferedRps);
        Line(plot, report, "sent (with resends)", Colors.SteelBlue, w => w.RequestsRps);
        Line(plot, report, "admitted (function answered)", Colors.ForestGreen, w => w.AdmittedRps);
    });

    /// <summary>HTTP statuses of the requests sent each second, stacked.</summary>
    public static byte[] StatusMix(LoadReport report) => Draw(report, "Status mix (requests sent each second)", "requests", plot =>
    {
        var statuses = report.Windows.SelectMany(w => w.Status.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var bars = new List<Bar>();
        foreach (var window in report.Windows)
        {
            double bottom = 0;
            foreach (var status in statuses)
            {
                var count = window.Status.GetValueOrDefault(status);
                if (count == 0) continue;
                bars.Add(new Bar { Position = window.Second + 0.5, ValueBase = bottom, Value = bottom + count, FillColor = ColorOf(status), Size = 0.9, LineWidth = 0 });
                bottom += count;
            }
        }
        plot.Add.Bars(bars);
        foreach (var status in statuses)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = status, FillColor = ColorOf(status) });
    });

    /// <summary>Latency percentiles of the requests sent each second.</summary>
    public static byte[] Latency(LoadReport report) => Draw(report, "Latency of the requests sent each second", "ms", plot =>
    {
        Line(plot, report, "p50", Colors.ForestGreen, w => w.LatencyMs.P50);
        Line(plot, report, "p95", Colors.Orange, w => w.LatencyMs.P95);
        Line(plot, report, "p99", Colors.Crimson, w => w.LatencyMs.P99);
    });

    /// <summary>Rows confirmed stored, and rows the API asked to resend, each second.</summary>
    public static byte[] Rows(LoadReport report) => Draw(report, "Rows per second", "rows / s", plot =>
    {
        Line(plot, report, "stored", Colors.ForestGreen, w => w.RowsStored);
        Line(plot, report, "retry (to resend)", Colors.Orange, w => w.RetryRows);
    });

    private static byte[] Draw(LoadReport report, string title, string unit, Action<Plot> draw)
    {
        using var plot = new Plot();
        draw(plot);
        if (report.ThrottleOnsetSecond is { } second)
        {
            var onset = plot.Add.VerticalLine(second + 0.5, width: 2, color: Colors.Red, pattern: LinePattern.Dashed);
            onset.LegendText = $"throttle onset ({report.ThrottleOnsetRps:0} rps offered)";
        }
        plot.Title(title);
        plot.XLabel("seconds from start");
        plot.YLabel(unit);
        plot.Axes.Margins(bottom: 0);
        // Every chart spans the same seconds, so they line up when read one under the other.
        plot.Axes.SetLimitsX(0, Math.Max(1, report.Windows.Count));
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static void Line(Plot plot, LoadReport report, string label, Color color, Func<WindowReport, double> value)
    {
        var xs = report.Windows.Select(w => w.Second + 0.5).ToArray();
        var ys = report.Windows.Select(value).ToArray();
        var line = plot.Add.Scatter(xs, ys, color);
        line.LegendText = label;
        line.LineWidth = 2;
        line.MarkerSize = 0;
    }

    private static Color ColorOf(string status) => status switch
    {
        "200" => Colors.ForestGreen,
        "207" => Colors.Gold,
        "429" => Colors.Crimson,
        "503" => Colors.Purple,
        "none" => Colors.Black,
        _ when status.StartsWith('5') => Colors.DarkOrange,
        _ => Colors.SlateGray,
    };
}
