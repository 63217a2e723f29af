namespace Dynamo.Load.Verifying;

/// <summary>What the read-back found, in the terms of docs/load-testing.md.</summary>
/// <param name="RowsVerified">Generated rows found with every field as sent.</param>
/// <param name="Lost">Generated rows acknowledged stored to the client, then not found.</param>
/// <param name="Corrupted">Generated rows found with a field (or the stored hash) different from what was sent.</param>
/// <param name="Duplicated">Items under this run's keys that were never generated.</param>
/// <param name="Examples">A few keys of each problem, to start looking.</param>
public sealed record ReadBackResult(long RowsVerified, long Lost, long Corrupted, long Duplicated, IReadOnlyList<string> Examples)
{
    /// <summary>Rows not found that the client never got "stored" for (undelivered or invalid): not lost.</summary>
    public long MissingUndelivered { get; init; }
}
