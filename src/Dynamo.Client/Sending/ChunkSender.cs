using Dynamo.Client.Chunking;
using Dynamo.Client.Keys;
using Dynamo.Contracts;

namespace Dynamo.Client.Sending;

/// <summary>
/// Sends one chunk until every row is final: stored, invalid, duplicate, stale or conflict rows are settled and their
/// keys released;
/// retry rows, and whole requests that got no row statuses, are resent after the wait <see cref="ResendPolicy"/>
/// gives. When the send stops, the rows still pending are reported unstored.
/// </summary>
internal sealed class ChunkSender(RowsPost call, ResendPolicy policy, KeyGate gate, SendTally tally, TimeProvider time)
{
    /// <exception cref="DynamoApiException">The API refused in a way a resend cannot fix.</exception>
    public async Task SendAsync(IReadOnlyList<PendingRow> chunk, CancellationToken stop)
    {
        var pending = chunk;
        var failures = 0;
        var resend = false;
        try
        {
            while (pending.Count > 0)
            {
                var answer = await call.PostAsync(pending, stop).ConfigureAwait(false);
                tally.Requested(resend, answer);
                switch (answer)
                {
                    case Refused refused:
                        throw refused.Error;
                    case TooLarge tooLarge:
                        await SplitAsync(pending, tooLarge, stop).ConfigureAwait(false);
                        pending = [];
                        continue;
                    case RowsAnswer rows:
                        var left = Settle(pending, rows.Response);
                        failures = left.Count < pending.Count ? 0 : failures + 1;
                        pending = left;
                        break;
                    default:
                        failures++;
                        foreach (var row in pending)
                        {
                            row.Reason = answer.Reason;
                        }
                        break;
                }
                tally.Report();
                if (pending.Count > 0)
                {
                    resend = true;
                    await Task.Delay(policy.DelayAfter(answer, Math.Max(1, failures)), time, stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            foreach (var row in pending)
            {
                tally.Unstored(row);
                gate.Release(row.Key);
            }
        }
    }

    /// <summary>413: the halves go one after the other, so two versions of a key in the chunk keep their order.</summary>
    private async Task SplitAsync(IReadOnlyList<PendingRow> rows, TooLarge answer, CancellationToken stop)
    {
        if (rows.Count == 1)
        {
            tally.Invalid(rows[0], [$"the API refused the row alone as too large ({answer.Message})"]);
            gate.Release(rows[0].Key);
            tally.Report();
            return;
        }
        var half = rows.Count / 2;
        await SendAsync([.. rows.Take(half)], stop).ConfigureAwait(false);
        await SendAsync([.. rows.Skip(half)], stop).ConfigureAwait(false);
    }

    /// <summary>Applies the row statuses of one answer; returns the retry rows, in request order.</summary>
    private List<PendingRow> Settle(IReadOnlyList<PendingRow> sent, IngestResponse response)
    {
        if (response.Summary.Received != sent.Count)
        {
            throw new DynamoApiException(
                $"The API says it received {response.Summary.Received} rows of the {sent.Count} sent (request {response.RequestId}); the answer cannot be matched to the rows.");
        }
        var results = new RowResult?[sent.Count];
        foreach (var result in response.Rows)
        {
            if (result.Index >= 0 && result.Index < sent.Count)
            {
                results[result.Index] = result;
            }
        }
        var left = new List<PendingRow>();
        for (var i = 0; i < sent.Count; i++)
        {
            var row = sent[i];
            // Rows not listed are stored: the answer lists only the others (unless ?rows=all).
            switch (results[i]?.Status ?? RowStatus.Stored)
            {
                case RowStatus.Retry:
                    row.Reason = results[i]!.Reason ?? "retry";
                    left.Add(row);
                    continue;
                case RowStatus.Stored:
                    tally.Stored(row);
                    break;
                case RowStatus.Duplicate:
                    tally.Duplicate(row);
                    break;
                case RowStatus.Invalid:
                    tally.Invalid(row, results[i]!.Errors ?? ["invalid"]);
                    break;
                case RowStatus.Stale:
                    // The table holds a newer version: this row lost the race for good, resending cannot change that.
                    tally.Stale(row);
                    break;
                case RowStatus.Conflict:
                    // Resending the same version would meet the same stored content: only the sender can decide.
                    tally.Conflict(row, results[i]!.StoredHash);
                    break;
            }
            gate.Release(row.Key);
        }
        return left;
    }
}
