using Xunit.Abstractions;

namespace Dynamo.Core.Tests.Fuzzing;

/// <summary>
/// The request parser and validator under a bounded fuzz run (seconds here; scripts/test.sh --fuzz runs it for
/// longer with DYNAMO_FUZZ_SECONDS), and every body a fuzz run ever saved, kept as a regular test.
/// </summary>
public sealed class FuzzingTests(ITestOutputHelper output)
{
    private static string FindingsFolder => Path.Combine(AppContext.BaseDirectory, "Fuzzing", "Findings");

    private static IEnumerable<string> SavedFindings =>
        Directory.Exists(FindingsFolder) ? Directory.EnumerateFiles(FindingsFolder, "*.body").Order(StringComparer.Ordinal) : [];

    public static TheoryData<string> Findings => [.. SavedFindings.Select(f => Path.GetFileNameWithoutExtension(f))];

    private static double Setting(string name, double bounded) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : bounded;

    [Fact]
    public void Fuzzed_request_bodies_never_crash_hang_or_let_an_invalid_row_through()
    {
        var seed = (int)Setting("DYNAMO_FUZZ_SEED", Random.Shared.Next());
        var findings = Environment.GetEnvironmentVariable("DYNAMO_FUZZ_FINDINGS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Path.GetTempPath(), "dynamo-fuzz-findings");
        var fuzzer = new RequestFuzzer(seed, findings);

        var report = fuzzer.Run(
            TimeSpan.FromSeconds(Setting("DYNAMO_FUZZ_SECONDS", 3)),
            TimeSpan.FromSeconds(Setting("DYNAMO_FUZZ_INPUT_LIMIT_SECONDS", 30)),
            SavedFindings.Select(File.ReadAllBytes));

        var text = $"seed {seed}; {report}";
        output.WriteLine(text);
        if (Environment.GetEnvironmentVariable("DYNAMO_FUZZ_REPORT") is { Length: > 0 } reportFile) File.WriteAllText(reportFile, text + "\n");
        Assert.True(report.Findings.Count == 0, $"{text}\nSaved in {findings}; copy a .body file into tests/Dynamo.Core.Tests/Fuzzing/Findings to keep it as a test.");
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public void A_body_a_fuzz_run_once_broke_on_holds_every_invariant(string finding)
    {
        var dataset = RequestCorpus.Datasets.Single(d => d.Name == finding.Split("--")[0]);
        RequestInvariants.Check(dataset, File.ReadAllBytes(Path.Combine(FindingsFolder, finding + ".body")));
    }
}
