namespace Dynamo.Cli.Sending;

/// <summary>
/// How far a send is, in rows settled (stored, invalid, duplicate, or settled by an earlier run) against the rows
/// in the file. The file's row count is known only once it is read to its end; before that it is estimated from
/// the rows read so far and how far into the file they reach, which can only be at least the rows counted. The
/// fraction stays under 1 until the send has ended, however the estimate falls.
/// </summary>
internal readonly record struct SettledRows(long Settled, long Counted, long BytesRead, long FileBytes)
{
    /// <summary>Below 1 short of the end: what the bar shows while the send runs.</summary>
    private const double MostBeforeTheEnd = 0.999;

    /// <summary>Rows in the file: exact once it is read, else the rows counted scaled by the bytes left.</summary>
    public long RowsInFile =>
        BytesRead >= FileBytes || BytesRead <= 0 || Counted == 0
            ? Math.Max(Counted, Settled)
            : Math.Max(Counted, (long)Math.Ceiling(Counted * (double)FileBytes / BytesRead));

    /// <summary>True once the whole file is read: <see cref="RowsInFile"/> is then a count, not an estimate.</summary>
    public bool FileRead => BytesRead >= FileBytes;

    public double Fraction(bool ended) =>
        ended ? 1 : RowsInFile == 0 ? 0 : Math.Min(MostBeforeTheEnd, (double)Settled / RowsInFile);
}
