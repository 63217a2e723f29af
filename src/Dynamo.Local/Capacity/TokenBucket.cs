namespace Dynamo.Local.Capacity;

/// <summary>
/// Write units available under one limit: refilled continuously at the rate, holding at most one second of it
/// (DynamoDB's "at most one second of burst"). Not thread-safe: <see cref="CapacityBuckets"/> locks around it,
/// since a write must be taken from the table's bucket and its key's bucket together or from neither.
/// </summary>
internal sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private double _units;
    private long _updatedAt;

    public TokenBucket(double unitsPerSecond, TimeProvider time)
    {
        if (!(unitsPerSecond > 0)) throw new ArgumentOutOfRangeException(nameof(unitsPerSecond), unitsPerSecond, "A write rate must be positive.");
        UnitsPerSecond = unitsPerSecond;
        _time = time;
        _units = unitsPerSecond;
        _updatedAt = time.GetTimestamp();
    }

    public double UnitsPerSecond { get; }

    /// <summary>
    /// Whether a write of this many units fits now. A write larger than the whole bucket fits when the bucket
    /// is full and leaves it in debt, so an item bigger than one second of the rate is slowed, not refused forever.
    /// </summary>
    public bool Fits(int units)
    {
        Refill();
        return _units >= units || _units >= UnitsPerSecond;
    }

    public void Take(int units) => _units -= units;

    /// <summary>Gives back what a write took that DynamoDB would not have charged (it was refused as invalid), up to a full bucket.</summary>
    public void Give(int units) => _units = Math.Min(UnitsPerSecond, _units + units);

    public bool IsFull
    {
        get
        {
            Refill();
            return _units >= UnitsPerSecond;
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_updatedAt, now);
        _updatedAt = now;
        _units = Math.Min(UnitsPerSecond, _units + elapsed.TotalSeconds * UnitsPerSecond);
    }
}
