using Dynamo.Client.Chunking;

namespace Dynamo.Client.Sending;

/// <summary>
/// The running count of final statuses, the rows to report, the positions not yet final, and the progress events;
/// shared by the senders.
/// </summary>
internal sealed class SendTally(IProgress<SendProgress>? progress)
{
    private readonly Lock sync = new();
    // Held while a report is taken and delivered, so reports reach the caller one at a time and in order.
    private readonly Lock reporting = new();
    private readonly List<InvalidRow> invalidRows = [];
    private readonly List<ConflictRow> conflictRows = [];
    private readonly List<UnstoredRow> unstoredRows = [];
    // Positions read but not final; bounded by the rows in flight, so memory does not grow with the input.
    private readonly SortedSet<long> unsettled = [];
    private int invalidReported, conflictReported;
    private long read, stored, invalid, duplicate, stale, conflict, requests, retries, throttles, gatewayTimeouts, serverErrors, unanswered;

    public void Read(long position)
    {
        lock (sync)
        {
            read++;
            unsettled.Add(position);
        }
    }

    /// <summary>Counts one request by how it was answered: throttled (429, 503), 504, another 5xx or 408, or no answer.</summary>
    public void Requested(bool resend, Answer answer)
    {
        lock (sync)
        {
            requests++;
            retries += resend ? 1 : 0;
            switch (answer)
            {
                case ResendAll { Throttled: true } or RowsAnswer { Status: 429 or 503 }:
                    throttles++;
                    break;
                case ResendAll { Status: 504 }:
                    gatewayTimeouts++;
                    break;
                case ResendAll { Status: not null }:
                    serverErrors++;
                    break;
                case ResendAll:
                    unanswered++;
                    break;
            }
        }
    }

    public void Stored(PendingRow row)
    {
        lock (sync)
        {
            stored++;
            unsettled.Remove(row.Position);
        }
    }

    public void Duplicate(PendingRow row)
    {
        lock (sync)
        {
            duplicate++;
            unsettled.Remove(row.Position);
        }
    }

    public void Invalid(PendingRow row, IReadOnlyList<string> errors)
    {
        var element = row.ToElement();
        lock (sync)
        {
            invalid++;
            invalidRows.Add(new InvalidRow(row.Position, element, errors));
            unsettled.Remove(row.Position);
        }
    }

    public void Stale(PendingRow row)
    {
        lock (sync)
        {
            stale++;
            unsettled.Remove(row.Position);
        }
    }

    public void Conflict(PendingRow row, string? storedHash)
    {
        var element = row.ToElement();
        lock (sync)
        {
            conflict++;
            conflictRows.Add(new ConflictRow(row.Position, element, storedHash));
            unsettled.Remove(row.Position);
        }
    }

    public void Unstored(PendingRow row)
    {
        var element = row.ToElement();
        lock (sync)
        {
            unstoredRows.Add(new UnstoredRow(row.Position, element, row.Reason));
        }
    }

    /// <summary>Called once per answer of the API, after its rows are counted, and once when the send ends.</summary>
    public void Report()
    {
        if (progress is null)
        {
            return;
        }
        lock (reporting)
        {
            SendProgress snapshot;
            lock (sync)
            {
                snapshot = SnapshotLocked() with
                {
                    NewInvalidRows = invalidRows[invalidReported..],
                    NewConflictRows = conflictRows[conflictReported..],
                };
                invalidReported = invalidRows.Count;
                conflictReported = conflictRows.Count;
            }
            progress.Report(snapshot);
        }
    }

    public SendProgress Snapshot()
    {
        lock (sync)
        {
            return SnapshotLocked();
        }
    }

    private SendProgress SnapshotLocked() =>
        new(read, stored, invalid, duplicate, requests, retries, throttles)
        {
            RowsStale = stale,
            RowsConflict = conflict,
            GatewayTimeouts = gatewayTimeouts,
            ServerErrors = serverErrors,
            Unanswered = unanswered,
            SettledThrough = unsettled.Count > 0 ? unsettled.Min : read,
        };

    public SendResult Result(SendStop stop)
    {
        lock (sync)
        {
            return new SendResult
            {
                Stop = stop,
                RowsRead = read,
                Stored = stored,
                Invalid = invalid,
                Duplicate = duplicate,
                Stale = stale,
                Conflict = conflict,
                InvalidRows = [.. invalidRows.OrderBy(r => r.Position)],
                ConflictRows = [.. conflictRows.OrderBy(r => r.Position)],
                UnstoredRows = [.. unstoredRows.OrderBy(r => r.Position)],
                Requests = requests,
                Retries = retries,
            };
        }
    }
}
