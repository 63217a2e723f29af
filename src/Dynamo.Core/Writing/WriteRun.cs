using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Core.Rows;
using Dynamo.Core.Writing.Wire;

namespace Dynamo.Core.Writing;

/// <summary>
/// The state of one <see cref="BatchWriter.WriteAsync"/>: each row's latest result (a row belongs to one
/// batch, so no two tasks write the same slot), the counters, and the deadline.
/// </summary>
internal sealed class WriteRun(
    IAmazonDynamoDB dynamo,
    TimeProvider clock,
    FullJitterBackoff backoff,
    int storeErrorAttempts,
    WriteTarget target,
    IReadOnlyList<PendingWrite> rows,
    WriteBudget budget,
    CancellationToken callToken,
    CancellationToken abandonToken)
{
    // A row nobody attempted is cut by the deadline; every event later overwrites it.
    private readonly RowWriteResult[] _results =
        rows.Select(r => new RowWriteResult(r.Index, RowStatus.Retry, RetryReasons.Deadline)).ToArray();
    private int _calls, _retries, _throttled, _failed;
    private volatile bool _stoppedForDeadline;
    private volatile bool _storeUnavailable;

    public BatchWriteResult Result() =>
        new(_results, new WriteStatistics(_calls, _retries, _throttled, _failed, _stoppedForDeadline));

    /// <summary>Writes one batch (positions into the rows) until every row is settled or time is up.</summary>
    public async Task WriteBatchAsync(int[] batch)
    {
        // A batch DynamoDB refuses whole is split in halves until the rows it refuses stand alone.
        var work = new Stack<(int[] Rows, bool Resent)>();
        work.Push((batch, false));
        while (work.TryPop(out var part))
        {
            foreach (var half in await WriteUntilSettledAsync(part.Rows, part.Resent))
                work.Push((half, true));
        }
    }

    /// <returns>The halves to write next when DynamoDB refused the whole call; else nothing.</returns>
    private async Task<int[][]> WriteUntilSettledAsync(int[] pending, bool resent)
    {
        var storeErrors = 0;
        for (var retry = 0; ; retry++)
        {
            if (_storeUnavailable)
            {
                Mark(pending, RowStatus.Retry, RetryReasons.StoreError);
                return [];
            }
            if (!MayStartWork()) return [];
            Interlocked.Increment(ref _calls);
            if (resent || retry > 0) Interlocked.Increment(ref _retries);
            try
            {
                pending = target.Versioned
                    ? await PutOnConditionAsync(pending)
                    : Unprocessed(pending, await dynamo.BatchWriteItemAsync(Request(pending), callToken));
                storeErrors = 0;
                if (pending.Length == 0) return [];
                Interlocked.Increment(ref _throttled);
                Mark(pending, RowStatus.Retry, RetryReasons.Throttled);
            }
            catch (OperationCanceledException) when (callToken.IsCancellationRequested)
            {
                abandonToken.ThrowIfCancellationRequested();
                _stoppedForDeadline = true;
                Mark(pending, RowStatus.Retry, RetryReasons.Deadline);
                return [];
            }
            catch (Exception e) when (StoreFailures.Classify(e) is { } failure)
            {
                if (failure == StoreFailure.Throttled)
                {
                    storeErrors = 0;
                    Interlocked.Increment(ref _throttled);
                    Mark(pending, RowStatus.Retry, RetryReasons.Throttled);
                }
                else
                {
                    Interlocked.Increment(ref _failed);
                    if (failure == StoreFailure.Refused) return Refused(pending, e);
                    Mark(pending, RowStatus.Retry, RetryReasons.StoreError);
                    if (failure == StoreFailure.Permanent) return [];
                    if (++storeErrors >= storeErrorAttempts)
                    {
                        _storeUnavailable = true;
                        return [];
                    }
                }
            }

            if (!await BackOffAsync(retry + 1)) return [];
        }
    }

    private int[][] Refused(int[] pending, Exception refusal)
    {
        if (pending.Length > 1) return [pending[(pending.Length / 2)..], pending[..(pending.Length / 2)]];
        Mark(pending, RowStatus.Invalid, error: $"DynamoDB refused the row: {refusal.Message}");
        return [];
    }

    /// <summary>Waits before the next try; false when that try could not start before the soft deadline.</summary>
    private async Task<bool> BackOffAsync(int retry)
    {
        var delay = backoff.Delay(retry);
        if (clock.GetUtcNow() + delay >= budget.Soft)
        {
            _stoppedForDeadline = true;
            return false;
        }
        try
        {
            await Task.Delay(delay, clock, callToken);
            return true;
        }
        catch (OperationCanceledException) when (callToken.IsCancellationRequested)
        {
            abandonToken.ThrowIfCancellationRequested();
            _stoppedForDeadline = true;
            return false;
        }
    }

    private bool MayStartWork()
    {
        if (clock.GetUtcNow() < budget.Soft && !callToken.IsCancellationRequested) return true;
        abandonToken.ThrowIfCancellationRequested();
        _stoppedForDeadline = true;
        return false;
    }

    /// <summary>
    /// Writes the one row of <paramref name="pending"/> on its version's condition and settles it: stored when
    /// written, or from the stored item DynamoDB returns when the condition failed. Returns nothing left (throttling
    /// and store errors throw, as for a batch).
    /// </summary>
    private async Task<int[]> PutOnConditionAsync(int[] pending)
    {
        var position = pending.Single();
        try
        {
            await dynamo.PutItemAsync(new WireConditionalPutRequest(target, rows[position].Item), callToken);
            Mark(pending, RowStatus.Stored);
        }
        catch (ConditionalCheckFailedException failed)
        {
            Settle(position, failed.Item);
        }
        return [];
    }

    /// <summary>
    /// A failed condition means the table holds this key at the row's version or a higher one: higher is stale;
    /// the same with the same hash is this row, stored before (a resend, or a call whose answer was lost); the
    /// same with another hash is a conflict the client must decide.
    /// </summary>
    private void Settle(int position, Dictionary<string, AttributeValue>? stored)
    {
        var ours = rows[position].Item.Version!;
        if (stored is null || !stored.TryGetValue(SystemAttributes.Version, out var number) || number.N is null)
        {
            // Not DynamoDB's documented answer (ALL_OLD returns the item the condition read); resending is safe.
            Mark([position], RowStatus.Retry, RetryReasons.StoreError);
            return;
        }
        // An item stored before the short names carries the full hex _hash, a newer one _h: either is compared
        // in its own spelling, and a conflict names the hash as the table holds it.
        var storedHash = RowHash.Stored(stored);
        // DynamoDB's numbers are canonical decimals, which DecimalNumber reads.
        var order = ours.CompareTo(new ItemVersion(number.N, storedHash ?? ""));
        if (order < 0) Mark([position], RowStatus.Stale);
        else if (order == 0 && RowHash.Matches(storedHash, ours.Hash)) Mark([position], RowStatus.Stored);
        else if (order == 0) Mark([position], RowStatus.Conflict, storedHash: storedHash);
        else Mark([position], RowStatus.Retry, RetryReasons.StoreError);
    }

    private WireBatchWriteItemRequest Request(int[] pending) =>
        new(target.Table, Array.ConvertAll(pending, p => rows[p].Item));

    /// <summary>
    /// Marks stored every row the response confirmed (not listed in UnprocessedItems) and returns the
    /// others. If the listed items cannot all be matched to our rows, nothing is taken as confirmed:
    /// resending a stored row is harmless, calling an unstored one stored is not.
    /// </summary>
    private int[] Unprocessed(int[] pending, BatchWriteItemResponse response)
    {
        var unprocessed = response.UnprocessedItems is { } all && all.TryGetValue(target.Table, out var list) && list is not null
            ? list
            : [];
        int[] left = [];
        if (unprocessed.Count > 0)
        {
            var keys = unprocessed
                .Select(r => r.PutRequest?.Item is { } item ? ItemKey.Of(target, item) : null)
                .ToHashSet(StringComparer.Ordinal);
            left = pending.Where(p => keys.Contains(rows[p].Item.Key)).ToArray();
            if (left.Length != unprocessed.Count) return pending;
        }
        Mark(pending.Except(left), RowStatus.Stored);
        return left;
    }

    private void Mark(IEnumerable<int> positions, RowStatus status, string? reason = null, string? error = null, string? storedHash = null)
    {
        foreach (var p in positions) _results[p] = new RowWriteResult(rows[p].Index, status, reason, error, storedHash);
    }
}
