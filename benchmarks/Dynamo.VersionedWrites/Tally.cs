using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.VersionedWrites;

/// <summary>Why a row was or was not written, as issue 26's statuses say.</summary>
internal enum Outcome { Written, AlreadyStored, Conflict, Stale }

/// <summary>What one phase of one candidate did: its calls, the write units AWS would bill for them, every row's outcome.</summary>
internal sealed class Tally
{
    private long _calls;
    private long _units;
    private long _written;
    private long _alreadyStored;
    private long _conflicts;
    private long _stale;
    private long _resentRows;
    private long _readCalls;

    public long Calls => Interlocked.Read(ref _calls);
    /// <summary>Write units by AWS's documented rules, counted from what each call did (see the candidates).</summary>
    public long Units => Interlocked.Read(ref _units);
    public long Written => Interlocked.Read(ref _written);
    public long AlreadyStored => Interlocked.Read(ref _alreadyStored);
    public long Conflicts => Interlocked.Read(ref _conflicts);
    public long Stale => Interlocked.Read(ref _stale);
    /// <summary>Rows sent more than once: a PartiQL UPDATE after its INSERT found the key, a transaction resent after a cancel.</summary>
    public long ResentRows => Interlocked.Read(ref _resentRows);

    public void Call(long units)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _units, units);
    }

    /// <summary>Read calls a candidate needed besides its writes (PartiQL on DynamoDB Local, see there).</summary>
    public long ReadCalls => Interlocked.Read(ref _readCalls);

    public void Read() => Interlocked.Increment(ref _readCalls);

    public void Resent(long rows) => Interlocked.Add(ref _resentRows, rows);

    public void Count(Outcome outcome, long rows = 1)
    {
        switch (outcome)
        {
            case Outcome.Written: Interlocked.Add(ref _written, rows); break;
            case Outcome.AlreadyStored: Interlocked.Add(ref _alreadyStored, rows); break;
            case Outcome.Conflict: Interlocked.Add(ref _conflicts, rows); break;
            case Outcome.Stale: Interlocked.Add(ref _stale, rows); break;
        }
    }

    /// <summary>
    /// A row whose condition failed, told apart by the stored item DynamoDB returned with the failure
    /// (ReturnValuesOnConditionCheckFailure = ALL_OLD): a higher stored version makes it stale, the same version with
    /// the same <c>_h</c> already stored, the same version with another hash a conflict.
    /// </summary>
    public static Outcome Classify(Row row, Dictionary<string, AttributeValue>? stored)
    {
        if (stored is null || !stored.TryGetValue(OrderRows.Version, out var version) || version.N is null)
            throw new InvalidOperationException($"{row.Key}: the condition failed but no stored item (with a version) came back with the failure");
        var storedVersion = decimal.Parse(version.N, CultureInfo.InvariantCulture);
        if (storedVersion > row.Version) return Outcome.Stale;
        if (storedVersion < row.Version)
            throw new InvalidOperationException($"{row.Key}: the condition failed against a lower stored version {storedVersion} < {row.Version}");
        return stored.TryGetValue(OrderRows.Hash, out var hash) && hash.S == row.Hash ? Outcome.AlreadyStored : Outcome.Conflict;
    }
}
