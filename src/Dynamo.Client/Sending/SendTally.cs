using Dynamo.Client.Chunking;

namespace Dynamo.Client.Sending;

/// <summary>The running count of final statuses, the rows to report, and the progress events; shared by the senders.</summary>
internal sealed class SendTally(IProgress<SendProgress>? progress)
{
    private readonly Lock sync = new();
    private readonly List<InvalidRow> invalidRows = [];
    private readonly List<UnstoredRow> unstoredRows = [];
    private long read, stored, invalid, duplicate, requests, retries, throttles;

    public void Read() => Interlocked.Increment(ref read);

    public void Requested(bool resend, bool throttled)
    {
        lock (sync)
        {
            requests++;
            retries += resend ? 1 : 0;
            throttles += throttled ? 1 : 0;
        }
    }

    public void Stored() => Interlocked.Increment(ref stored);

    public void Duplicate() => Interlocked.Increment(ref duplicate);

    public void Invalid(PendingRow row, IReadOnlyList<string> errors)
    {
        var element = row.ToElement();
        lock (sync)
        {
            invalid++;
            invalidRows.Add(new InvalidRow(row.Position, element, errors));
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

    /// <summary>Called once per answer of the API, after its rows are counted.</summary>
    public void Report() => progress?.Report(Snapshot());

    public SendProgress Snapshot()
    {
        lock (sync)
        {
            return new SendProgress(Interlocked.Read(ref read), Interlocked.Read(ref stored), invalid,
                Interlocked.Read(ref duplicate), requests, retries, throttles);
        }
    }

    public SendResult Result(SendStop stop)
    {
        lock (sync)
        {
            return new SendResult
            {
                Stop = stop,
                RowsRead = Interlocked.Read(ref read),
                Stored = Interlocked.Read(ref stored),
                Invalid = invalid,
                Duplicate = Interlocked.Read(ref duplicate),
                InvalidRows = [.. invalidRows.OrderBy(r => r.Position)],
                UnstoredRows = [.. unstoredRows.OrderBy(r => r.Position)],
                Requests = requests,
            };
        }
    }
}
