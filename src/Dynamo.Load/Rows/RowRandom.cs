namespace Dynamo.Load.Rows;

/// <summary>
/// SplitMix64 seeded by (seed, row): every row's values follow from the two numbers alone, so the read-back
/// regenerates what was sent instead of keeping millions of rows in memory. System.Random cannot be re-seeded
/// per row cheaply (a seeded instance builds a 56-entry table), which is why this is written out.
/// </summary>
internal struct RowRandom(long seed, long row)
{
    private ulong state = (ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)row;

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>).</summary>
    public long Below(long bound) => (long)(Next() % (ulong)bound);
}
