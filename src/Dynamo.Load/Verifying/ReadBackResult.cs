namespace Dynamo.Load.Verifying;

/// <summary>What the read-back found, in the terms of docs/load-testing.md.</summary>
/// <param name="RowsVerified">Generated rows found with every field as sent.</param>
/// <param name="Lost">Generated rows not found.</param>
/// <param name="Corrupted">Generated rows found with a field (or the stored hash) different from what was sent.</param>
/// <param name="Duplicated">Items under this run's keys that were never generated.</param>
/// <param name="Examples">A few keys of each problem, to start looking.</param>
public sealed record ReadBackResult(long RowsVerified, long Lost, long Corrupted, long Duplicated, IReadOnlyList<string> Examples);
