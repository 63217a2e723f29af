using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Rows;
using Dynamo.Load.Rows;

namespace Dynamo.Load.Verifying;

/// <summary>
/// Proves what the run left in the table: every generated row is fetched by its key (BatchGetItem, strongly
/// consistent) and compared field by field with the row regenerated from the seed, the stored hash checked too
/// (<c>_h</c>, or an older item's <c>_hash</c>); then one scan of the table finds items under the run's keys that
/// were never generated. The store's own attributes (<c>_h</c>, <c>_at</c>, <c>_rid</c>, and older items'
/// <c>_hash</c>, <c>_ingestedAt</c>, <c>_requestId</c>) are not row fields; date-time keys were
/// generated in the UTC form the store keeps, so they compare as text. What a key's item must be is the caller's
/// check: the row as sent (<see cref="VerifyAsync(long, IReadOnlySet{long}, IProgress{long}?, CancellationToken)"/>)
/// or, in an updates run, its newest version (<see cref="LatestVersionCheck"/>).
/// </summary>
internal sealed class ReadBack(IAmazonDynamoDB dynamo, string table, RunKeySpace keys, TimeProvider time)
{
    /// <summary>BatchGetItem takes at most 100 keys per call.</summary>
    private const int KeysPerCall = 100;
    private const int CallsInFlight = 8;
    private const int ScanSegments = 4;
    private const int MaxExamples = 10;

    private readonly ConcurrentQueue<string> examples = new();
    private long verified, lost, undelivered, corrupted, duplicated;
    private readonly RunRows? rows;

    public ReadBack(IAmazonDynamoDB dynamo, string table, RunRows rows, TimeProvider time) : this(dynamo, table, rows.Keys, time) =>
        this.rows = rows;

    /// <param name="rowCount">Rows 0 .. rowCount-1 were generated.</param>
    /// <param name="notAcknowledged">Rows the client never got "stored" for: missing, they are undelivered, not lost.</param>
    /// <param name="progress">Rows checked so far.</param>
    public Task<ReadBackResult> VerifyAsync(long rowCount, IReadOnlySet<long> notAcknowledged, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var sent = rows ?? throw new InvalidOperationException("The read-back of sent rows needs the run's rows.");
        return VerifyAsync(rowCount, (row, item) => item is null
            ? notAcknowledged.Contains(row) ? KeyVerdict.Undelivered : KeyVerdict.Lost($"lost: {Describe(keys.Identity(keys.Key(row)))}")
            : Matches(sent.Row(row), item) ? KeyVerdict.Verified : KeyVerdict.Corrupted($"corrupted: {ItemJson.ToJson(item)}"),
            progress, cancellationToken);
    }

    /// <param name="keyCount">Keys 0 .. keyCount-1 were generated.</param>
    /// <param name="check">What the item of a key (null: none found) says.</param>
    /// <param name="progress">Keys checked so far.</param>
    public async Task<ReadBackResult> VerifyAsync(long keyCount, Func<long, Dictionary<string, AttributeValue>?, KeyVerdict> check,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var calls = (keyCount + KeysPerCall - 1) / KeysPerCall;
        long checkedRows = 0;
        await Parallel.ForAsync(0, calls, new ParallelOptions { MaxDegreeOfParallelism = CallsInFlight, CancellationToken = cancellationToken },
            async (call, token) =>
            {
                var first = call * KeysPerCall;
                var count = (int)Math.Min(KeysPerCall, keyCount - first);
                await CheckAsync(first, count, check, token).ConfigureAwait(false);
                progress?.Report(Interlocked.Add(ref checkedRows, count));
            }).ConfigureAwait(false);

        await FindUngeneratedAsync(keyCount, cancellationToken).ConfigureAwait(false);
        return new ReadBackResult(verified, lost, corrupted, duplicated, [.. examples.Take(MaxExamples)]) { MissingUndelivered = undelivered };
    }

    private async Task CheckAsync(long first, int count, Func<long, Dictionary<string, AttributeValue>?, KeyVerdict> check, CancellationToken cancellationToken)
    {
        var asked = new List<Dictionary<string, AttributeValue>>(count);
        var rowOf = new Dictionary<string, long>(count, StringComparer.Ordinal);
        for (var row = first; row < first + count; row++)
        {
            var key = keys.Key(row);
            asked.Add(key);
            rowOf[keys.Identity(key)] = row;
        }

        var found = new List<Dictionary<string, AttributeValue>>(count);
        var request = new Dictionary<string, KeysAndAttributes> { [table] = new() { Keys = asked, ConsistentRead = true } };
        for (var attempt = 0; request.Count > 0; attempt++)
        {
            if (attempt > 0)
                await Task.Delay(UnprocessedBackoff.Before(attempt), time, cancellationToken).ConfigureAwait(false);
            var response = await StoreRetries.CallAsync(token => dynamo.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = request }, token), time, cancellationToken).ConfigureAwait(false);
            if (response.Responses?.TryGetValue(table, out var items) == true)
                found.AddRange(items);
            // Keys DynamoDB did not get to (throughput, 16 MB a call) come back to be asked again.
            request = response.UnprocessedKeys is { Count: > 0 } unprocessed ? unprocessed : [];
        }

        foreach (var item in found)
        {
            var identity = keys.Identity(item);
            Count(check(rowOf[identity], item));
            rowOf.Remove(identity);
        }
        foreach (var row in rowOf.Values)
            Count(check(row, null));
    }

    private void Count(KeyVerdict verdict)
    {
        switch (verdict.Outcome)
        {
            case KeyOutcome.Verified:
                Interlocked.Increment(ref verified);
                break;
            case KeyOutcome.Undelivered:
                Interlocked.Increment(ref undelivered);
                break;
            case KeyOutcome.Lost:
                Problem(ref lost, verdict.Example!);
                break;
            case KeyOutcome.Corrupted:
                Problem(ref corrupted, verdict.Example!);
                break;
        }
    }

    /// <summary>A key's identity as a person reads it: the partition and sort key values, a space apart.</summary>
    public static string Describe(string identity) => identity.Replace('\u001f', ' ');

    /// <summary>The stored fields are the sent fields, and the stored hash is theirs.</summary>
    public static bool Matches(System.Text.Json.JsonElement sent, Dictionary<string, AttributeValue> item)
    {
        var expected = CanonicalJson.Serialize(sent);
        var stored = CanonicalJson.Serialize(ItemJson.ToRow(item));
        return expected == stored
            && RowHash.Matches(RowHash.Stored(item), CanonicalJson.Hash(sent));
    }

    /// <summary>A scan of the table for the run's partition key prefix: items the run never generated are duplicated.</summary>
    private async Task FindUngeneratedAsync(long keyCount, CancellationToken cancellationToken)
    {
        var generated = new HashSet<string>(StringComparer.Ordinal);
        for (long row = 0; row < keyCount; row++)
            generated.Add(keys.Identity(keys.Key(row)));

        var names = new Dictionary<string, string> { ["#pk"] = keys.PartitionKey };
        var projection = "#pk";
        if (keys.SortKey is { } sortKey)
        {
            names["#sk"] = sortKey;
            projection += ", #sk";
        }
        await Parallel.ForAsync(0, ScanSegments, cancellationToken, async (segment, token) =>
        {
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var page = await StoreRetries.CallAsync(retryToken => dynamo.ScanAsync(new ScanRequest
                {
                    TableName = table,
                    Segment = segment,
                    TotalSegments = ScanSegments,
                    ConsistentRead = true,
                    FilterExpression = "begins_with(#pk, :run)",
                    ProjectionExpression = projection,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = new() { [":run"] = new AttributeValue { S = keys.RunId + "-" } },
                    ExclusiveStartKey = start,
                }, retryToken), time, token).ConfigureAwait(false);
                foreach (var item in page.Items ?? [])
                    if (!generated.Contains(keys.Identity(item)))
                        Problem(ref duplicated, $"duplicated: {ItemJson.ToJson(item)}");
                start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            } while (start is not null);
        }).ConfigureAwait(false);
    }

    private void Problem(ref long counter, string example)
    {
        if (Interlocked.Increment(ref counter) <= MaxExamples)
            examples.Enqueue(example);
    }
}
