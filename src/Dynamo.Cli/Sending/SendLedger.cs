using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dynamo.Client;

namespace Dynamo.Cli.Sending;

/// <summary>
/// Keeps the books of one `dynamo send`: which file row each row handed to the client came from, the rejects (invalid
/// and conflict rows, written in file order), and the checkpoint. The client's progress events say which rows are settled; the ledger turns that
/// into "the first N rows of the file are settled", writes their rejects, flushes them to disk and only then lets the
/// checkpoint say N. Memory holds only the rows between the settled mark and the reading, which the client bounds.
/// </summary>
internal sealed class SendLedger : IProgress<SendProgress>
{
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    private readonly Lock sync = new();
    private readonly Checkpoint identity;
    private readonly string checkpointPath;
    private readonly RejectsFile rejects;
    // Client position -> the file row it came from; entries below the client's settled mark are dropped.
    private readonly Dictionary<long, (long Index, long Line)> handedOut = [];
    // Rejects found but not yet written because a row before them is not settled; keyed by file row.
    private readonly SortedDictionary<long, Reject> waiting = [];
    private readonly Stopwatch sinceCheckpoint = Stopwatch.StartNew();
    private long nextPosition, prunedBelow, consumed, settled, invalidWritten, conflictWritten, unreadable;
    private long checkpointed;
    private SendProgress latest = new(0, 0, 0, 0, 0, 0, 0);

    /// <param name="identity">The checkpoint to resume from, or the identity of a fresh one (no rows settled).</param>
    public SendLedger(Checkpoint identity, string checkpointPath, RejectsFile rejects)
    {
        this.identity = identity;
        this.checkpointPath = checkpointPath;
        this.rejects = rejects;
        consumed = settled = checkpointed = identity.SettledRows;
        invalidWritten = identity.InvalidRows;
        conflictWritten = identity.ConflictRows;
    }

    /// <summary>Rows an earlier run settled: this run skips them.</summary>
    public long SkippedRows => identity.SettledRows;

    /// <summary>Invalid rows of an earlier run, already in the rejects file.</summary>
    public long EarlierInvalidRows => identity.InvalidRows;

    /// <summary>Conflict rows of an earlier run, already in the rejects file.</summary>
    public long EarlierConflictRows => identity.ConflictRows;

    /// <summary>Rows the file's text could not make (this run): invalid without being sent.</summary>
    public long UnreadableRows
    {
        get { lock (sync) return unreadable; }
    }

    /// <summary>The last progress event.</summary>
    public SendProgress Latest
    {
        get { lock (sync) return latest; }
    }

    /// <summary>The file's rows past the skipped ones, as the client's rows; unreadable rows are booked as rejects instead.</summary>
    public async IAsyncEnumerable<JsonElement> RowsToSend(IAsyncEnumerable<SourceRow> source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long index = 0;
        await foreach (var row in source.WithCancellation(cancellationToken))
        {
            if (index++ < SkippedRows)
                continue;
            if (Admit(row) is { } json)
                yield return json;
        }
    }

    private JsonElement? Admit(SourceRow row)
    {
        lock (sync)
        {
            var index = consumed++;
            if (row.Row is { } json)
            {
                // Booked before the client sees it, so every position the client counts is known here.
                handedOut[nextPosition++] = (index, row.Line);
                return json;
            }
            unreadable++;
            waiting[index] = new Reject(row.Line, null, row.Text, [row.Error ?? "unreadable"], Conflict: false);
            return null;
        }
    }

    /// <summary>The client's progress event (one at a time, in order).</summary>
    public void Report(SendProgress value)
    {
        lock (sync)
        {
            latest = value;
            foreach (var invalid in value.NewInvalidRows)
            {
                var (index, line) = handedOut[invalid.Position];
                waiting[index] = new Reject(line, invalid.Row, null, invalid.Errors, Conflict: false);
            }
            foreach (var conflict in value.NewConflictRows)
            {
                var (index, line) = handedOut[conflict.Position];
                waiting[index] = new Reject(line, conflict.Row, null, [conflict.Reason], Conflict: true);
            }
            // The first file row not settled: that of the client's first unsettled row, or, when every row handed out
            // is settled, the reading's position (unreadable rows are final as soon as they are read).
            settled = handedOut.TryGetValue(value.SettledThrough, out var first) ? first.Index : consumed;
            for (; prunedBelow < value.SettledThrough; prunedBelow++)
                handedOut.Remove(prunedBelow);
            WriteSettledRejects();
            if (sinceCheckpoint.Elapsed >= CheckpointInterval)
                WriteCheckpoint();
        }
    }

    /// <summary>
    /// At the end of the run: a completed run (every row settled) removes the checkpoint, any other leaves one for the
    /// next run. The rejects file is removed when it lists nothing.
    /// </summary>
    public void Finish(bool completed)
    {
        lock (sync)
        {
            WriteSettledRejects();
            if (completed)
                File.Delete(checkpointPath);
            else
                WriteCheckpoint();
        }
    }

    private void WriteSettledRejects()
    {
        var written = false;
        while (waiting.Count > 0 && waiting.First() is var (index, reject) && index < settled)
        {
            rejects.Write(reject.Line, reject.Row, reject.Text, reject.Errors);
            waiting.Remove(index);
            if (reject.Conflict)
                conflictWritten++;
            else
                invalidWritten++;
            written = true;
        }
        if (written)
            rejects.Flush();
    }

    private void WriteCheckpoint()
    {
        if (settled == checkpointed)
            return;
        // The rejects of every row it counts were flushed by WriteSettledRejects.
        (identity with { SettledRows = settled, InvalidRows = invalidWritten, ConflictRows = conflictWritten, RejectsBytes = rejects.Bytes }).Write(checkpointPath);
        checkpointed = settled;
        sinceCheckpoint.Restart();
    }

    /// <param name="Conflict">A conflict row (the user decides), not an invalid one (the user fixes it).</param>
    private sealed record Reject(long Line, JsonElement? Row, string? Text, IReadOnlyList<string> Errors, bool Conflict);
}
