namespace Dynamo.Load.Reporting;

/// <summary>What was asked of the run, so a report can be read (and repeated) without its command line.</summary>
public sealed record LoadRunDescription(
    string RunId, string Dataset, string Table, string Api, string Scenario, double Rate, double? RampTo,
    double DurationSeconds, int RowsPerRequest, int HotKeys, long Seed, DateTimeOffset StartedAt, double ElapsedSeconds);
