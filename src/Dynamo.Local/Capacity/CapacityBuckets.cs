namespace Dynamo.Local.Capacity;

/// <summary>
/// The capacity emulation's arithmetic, without HTTP (<see cref="WriteAdmission"/> asks it about each write): the
/// limits in force, a token bucket per capped table and one per partition key value in use. A write passes
/// only if it fits both its table's and its key's bucket, and then takes from both; a refused write takes
/// nothing, so later smaller writes of the same batch may still pass.
/// </summary>
internal sealed class CapacityBuckets(CapacityLimits limits, TimeProvider time)
{
    // Idle key buckets are full again after a second; forget them once this many keys were seen.
    private const int KeyBucketsBeforePruning = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, TokenBucket?> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Table, string Key), TokenBucket> _keys = [];

    /// <summary>Decides the writes in order; returns, per write, None when it passed or why it was refused.</summary>
    public ThrottleReason[] Admit(IReadOnlyList<MeteredWrite> writes)
    {
        var decisions = new ThrottleReason[writes.Count];
        lock (_lock)
        {
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                var table = TableBucket(write.Table);
                var key = KeyBucket(write.Table, write.PartitionKey);
                if (table is not null && !table.Fits(write.Units))
                {
                    decisions[i] = ThrottleReason.TableMaxWriteRequestUnits;
                }
                else if (!key.Fits(write.Units))
                {
                    decisions[i] = ThrottleReason.PartitionKeyThroughput;
                }
                else
                {
                    table?.Take(write.Units);
                    key.Take(write.Units);
                }
            }
        }
        return decisions;
    }

    /// <summary>
    /// Decides a transaction: every write passes, taking from its buckets, or none does and nothing is taken. The
    /// writes refused are those whose bucket cannot hold what the transaction asks of it (all its writes there).
    /// </summary>
    public ThrottleReason[] AdmitAll(IReadOnlyList<MeteredWrite> writes)
    {
        var decisions = new ThrottleReason[writes.Count];
        lock (_lock)
        {
            var tableUnits = writes.GroupBy(w => w.Table).ToDictionary(g => g.Key, g => g.Sum(w => w.Units), StringComparer.Ordinal);
            var keyUnits = writes.GroupBy(w => (w.Table, w.PartitionKey)).ToDictionary(g => g.Key, g => g.Sum(w => w.Units));
            var refused = false;
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                if (TableBucket(write.Table) is { } table && !table.Fits(tableUnits[write.Table]))
                    decisions[i] = ThrottleReason.TableMaxWriteRequestUnits;
                else if (!KeyBucket(write.Table, write.PartitionKey).Fits(keyUnits[(write.Table, write.PartitionKey)]))
                    decisions[i] = ThrottleReason.PartitionKeyThroughput;
                refused |= decisions[i] != ThrottleReason.None;
            }
            if (!refused)
            {
                foreach (var write in writes)
                {
                    TableBucket(write.Table)?.Take(write.Units);
                    KeyBucket(write.Table, write.PartitionKey).Take(write.Units);
                }
            }
        }
        return decisions;
    }

    /// <summary>Gives back the units of admitted writes that DynamoDB would not have charged (refused as invalid).</summary>
    public void Refund(IEnumerable<MeteredWrite> writes)
    {
        lock (_lock)
        {
            foreach (var write in writes)
            {
                TableBucket(write.Table)?.Give(write.Units);
                KeyBucket(write.Table, write.PartitionKey).Give(write.Units);
            }
        }
    }

    private TokenBucket? TableBucket(string table)
    {
        if (!_tables.TryGetValue(table, out var bucket))
        {
            var cap = limits.MaxWriteRequestUnitsOf(table);
            bucket = cap is null ? null : new TokenBucket(cap.Value, time);
            _tables[table] = bucket;
        }
        return bucket;
    }

    private TokenBucket KeyBucket(string table, string partitionKey)
    {
        if (_keys.TryGetValue((table, partitionKey), out var bucket)) return bucket;
        if (_keys.Count >= KeyBucketsBeforePruning)
        {
            foreach (var idle in _keys.Where(k => k.Value.IsFull).Select(k => k.Key).ToList())
                _keys.Remove(idle);
        }
        bucket = new TokenBucket(CapacityLimits.PartitionKeyWriteUnitsPerSecond, time);
        _keys[(table, partitionKey)] = bucket;
        return bucket;
    }
}
