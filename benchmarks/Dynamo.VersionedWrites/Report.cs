using System.Globalization;
using System.Text.Json;

namespace Dynamo.VersionedWrites;

/// <summary>The measured rounds: every phase's wall times, and the calls, units and outcomes of its last round.</summary>
internal sealed class Report(Options options, IReadOnlyList<Candidate> candidates, double meanItemBytes, int maxItemBytes, double meanUpdateItemBytes)
{
    private readonly Dictionary<(string Candidate, string Phase), List<double>> _times = [];
    private readonly Dictionary<(string Candidate, string Phase), Tally> _tallies = [];

    public double MeanItemBytes => meanItemBytes;
    public int MaxItemBytes => maxItemBytes;
    public List<string> Failures { get; } = [];
    public string LoadAverageBefore { get; } = LoadAverage();
    public string? LoadAverageAfter { get; set; }

    public void Add(Candidate candidate, Phase phase, double ms, Tally tally)
    {
        var key = (candidate.Name, phase.Name);
        if (!_times.TryGetValue(key, out var list)) _times[key] = list = [];
        list.Add(ms);
        _tallies[key] = tally;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private Candidate? Baseline => candidates.FirstOrDefault(c => !c.Conditional);

    private double? MedianOf(string candidate, string phase) => _times.TryGetValue((candidate, phase), out var list) ? Median(list) : null;

    private double? Ratio(Candidate candidate, Phase phase) =>
        Baseline is { } baseline && MedianOf(candidate.Name, phase.Name) is { } ms && MedianOf(baseline.Name, phase.Name) is { } floor ? ms / floor : null;

    public void WriteTable(TextWriter output)
    {
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(invariant, $"{options.Rows} rows a phase, ~{meanItemBytes:0} bytes an item (updates {meanUpdateItemBytes:0}, max {maxItemBytes}); median of {options.Rounds} rounds after {options.Warmup} warm-up; load average {LoadAverageBefore} before, {LoadAverageAfter} after"));
        var names = string.Join(" / ", Bench.Phases.Select(p => p.Name));
        output.WriteLine($"| candidate | {string.Join(" | ", Bench.Phases.Select(p => p.Name + ": ms (x baseline)"))} | calls {names} | write units (AWS rules) {names} |");
        output.WriteLine("|---|" + string.Concat(Bench.Phases.Select(_ => "---|")) + "---|---|");
        foreach (var candidate in candidates)
        {
            var cells = Bench.Phases.Select(phase => MedianOf(candidate.Name, phase.Name) is { } ms
                ? string.Create(invariant, $"{ms:0} ({Ratio(candidate, phase):0.00}x)") + (phase.Name is "stale" or "mixed" && !candidate.Conditional ? " overwrites" : "")
                : "-");
            var calls = string.Join(" / ", Bench.Phases.Select(p => _tallies.TryGetValue((candidate.Name, p.Name), out var t)
                ? t.Calls.ToString(invariant) + (t.ReadCalls > 0 ? string.Create(invariant, $" (+{t.ReadCalls} reads)") : "") : "-"));
            var units = string.Join(" / ", Bench.Phases.Select(p => _tallies.TryGetValue((candidate.Name, p.Name), out var t) ? t.Units.ToString(invariant) : "-"));
            output.WriteLine($"| {candidate.Name}: {candidate.Description} | {string.Join(" | ", cells)} | {calls} | {units} |");
        }
        output.WriteLine("Runs (ms, in round order):");
        foreach (var candidate in candidates)
            output.WriteLine($"  {candidate.Name,-12} " + string.Join("; ", Bench.Phases.Select(p =>
                p.Name + " " + (_times.TryGetValue((candidate.Name, p.Name), out var list) ? string.Join(", ", list.Select(ms => ms.ToString("0", invariant))) : "-"))));
        output.WriteLine("Phases: " + string.Join("; ", Bench.Phases.Select(p => $"{p.Name}: {p.What}")) + ". The baseline overwrites stale rows (the loss issue 26 is about).");
        output.WriteLine(Failures.Count == 0 ? "verified: every phase left the table as the semantics require" : $"FAILED: {Failures.Count} phase(s), first: {Failures[0]}");
    }

    public void WriteJson(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("rows", options.Rows);
        json.WriteNumber("rounds", options.Rounds);
        json.WriteNumber("warmup", options.Warmup);
        json.WriteNumber("meanItemBytes", Math.Round(meanItemBytes, 1));
        json.WriteNumber("maxItemBytes", maxItemBytes);
        json.WriteString("loadAverageBefore", LoadAverageBefore);
        json.WriteString("loadAverageAfter", LoadAverageAfter);
        json.WriteString("baseline", Baseline?.Name);
        json.WriteStartArray("candidates");
        foreach (var candidate in candidates)
        {
            json.WriteStartObject();
            json.WriteString("name", candidate.Name);
            json.WriteString("description", candidate.Description);
            json.WriteBoolean("conditional", candidate.Conditional);
            json.WriteStartObject("phases");
            foreach (var phase in Bench.Phases)
            {
                if (!_times.TryGetValue((candidate.Name, phase.Name), out var list)) continue;
                var tally = _tallies[(candidate.Name, phase.Name)];
                json.WriteStartObject(phase.Name);
                json.WriteNumber("medianMs", Math.Round(Median(list), 1));
                if (Ratio(candidate, phase) is { } ratio) json.WriteNumber("ratioToBaseline", Math.Round(ratio, 3));
                json.WriteStartArray("ms");
                foreach (var ms in list) json.WriteNumberValue(Math.Round(ms, 1));
                json.WriteEndArray();
                json.WriteNumber("calls", tally.Calls);
                json.WriteNumber("writeUnits", tally.Units);
                json.WriteNumber("written", tally.Written);
                json.WriteNumber("stale", tally.Stale);
                json.WriteNumber("conflicts", tally.Conflicts);
                json.WriteNumber("alreadyStored", tally.AlreadyStored);
                json.WriteNumber("resentRows", tally.ResentRows);
                json.WriteNumber("readCalls", tally.ReadCalls);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("failures");
        foreach (var failure in Failures) json.WriteStringValue(failure);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
