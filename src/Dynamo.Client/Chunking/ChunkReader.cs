using Dynamo.Client.Keys;
using Dynamo.Client.Sending;

namespace Dynamo.Client.Chunking;

/// <summary>
/// Cuts the input into requests of at most N rows and M bytes, reading it only as a request is built: at most
/// one row is read past the chunk it returns, so memory is bounded by the chunks in flight, not by the input.
/// </summary>
internal sealed class ChunkReader<T>(
    IAsyncEnumerator<T> input, RowEncoder<T> encoder, SendOptions options, KeyGate gate, SendTally tally)
{
    private PendingRow? carried;
    private long nextPosition;

    /// <summary>True once the whole input has been read and handed out.</summary>
    public bool Exhausted { get; private set; }

    /// <summary>
    /// The next chunk, its keys already held in the gate; null at the end of the input. A row whose
    /// key is held by a chunk in flight closes the chunk being built and then waits for its key.
    /// </summary>
    public async ValueTask<IReadOnlyList<PendingRow>?> NextAsync(CancellationToken cancellationToken)
    {
        var chunk = new List<PendingRow>();
        try
        {
            await FillAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Rows read but never sent are unstored like the rest: the report covers every row read.
            foreach (var row in chunk)
            {
                tally.Unstored(row);
            }
            throw;
        }
        if (chunk.Count == 0)
        {
            Exhausted = true;
            return null;
        }
        foreach (var row in chunk)
        {
            gate.Hold(row.Key);
        }
        return chunk;
    }

    /// <summary>When the send stops: the row read past the last chunk is reported unstored too.</summary>
    public void Abandon()
    {
        if (carried is not null)
        {
            tally.Unstored(carried);
            carried = null;
        }
    }

    private async ValueTask FillAsync(List<PendingRow> chunk, CancellationToken cancellationToken)
    {
        var keysInChunk = new HashSet<ItemIdentity>();
        long bytes = RowsContent.EnvelopeBytes;
        while (chunk.Count < options.MaxRowsPerRequest)
        {
            var row = carried ?? await ReadAsync(cancellationToken).ConfigureAwait(false);
            carried = null;
            if (row is null)
            {
                break;
            }
            var key = row.Key;
            var heldElsewhere = key is not null && !keysInChunk.Contains(key) && gate.IsHeld(key);
            // Sized as the event carries it, so a chunk within the body limit is also within Lambda's event limit.
            var size = row.EventBytes + (chunk.Count > 0 ? RowsContent.SeparatorBytes : 0);
            if (chunk.Count > 0 && (heldElsewhere || bytes + size > options.MaxBodyBytes))
            {
                carried = row;
                break;
            }
            if (heldElsewhere)
            {
                carried = row;
                await gate.WaitReleasedAsync(key!, cancellationToken).ConfigureAwait(false);
                carried = null;
            }
            chunk.Add(row);
            bytes += size;
            if (key is not null)
            {
                keysInChunk.Add(key);
            }
        }
    }

    /// <summary>The next row that can be sent; rows no request could carry are reported invalid here, never sent.</summary>
    private async ValueTask<PendingRow?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await input.MoveNextAsync().ConfigureAwait(false))
            {
                return null;
            }
            var row = encoder.Encode(nextPosition, input.Current, out var refusal);
            tally.Read(nextPosition++);
            var alone = RowsContent.EnvelopeBytes + row.EventBytes;
            if (refusal is null && alone > options.MaxBodyBytes)
            {
                refusal = $"the row is {row.EventBytes:N0} bytes of JSON as the Lambda event carries it; a request holds at most {options.MaxBodyBytes:N0} bytes";
            }
            if (refusal is null)
            {
                return row;
            }
            tally.Invalid(row, [refusal]);
        }
    }
}
