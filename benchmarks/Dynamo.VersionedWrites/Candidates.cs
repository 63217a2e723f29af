using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.VersionedWrites;

/// <summary>One way of writing a phase's rows to a table.</summary>
internal abstract class Candidate
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    /// <summary>False for the baseline: it writes blindly, so a stale phase overwrites (the loss issue 26 is about).</summary>
    public virtual bool Conditional => true;

    public abstract Task WriteAsync(IAmazonDynamoDB store, string table, IReadOnlyList<Row> rows, Tally tally, CancellationToken cancellationToken);

    /// <summary>The version condition of issue 26: the key is absent, or the stored item has no version or a lower one.</summary>
    protected const string VersionCondition = "attribute_not_exists(" + OrderRows.Key + ") OR attribute_not_exists(#v) OR #v < :v";

    protected static Dictionary<string, string> VersionNames => new(StringComparer.Ordinal) { ["#v"] = OrderRows.Version };

    protected static Dictionary<string, AttributeValue> VersionValues(Row row) =>
        new(StringComparer.Ordinal) { [":v"] = new AttributeValue { N = row.Version.ToString(CultureInfo.InvariantCulture) } };

    public static IReadOnlyList<Candidate> All { get; } =
    [
        new BatchWriteCandidate(16),
        new ConditionalPutCandidate(16),
        new ConditionalPutCandidate(32),
        new TransactCandidate(16),
        new PartiqlCandidate(16),
    ];
}

/// <summary>
/// The baseline, today's path for datasets without a version: BatchWriteItem of 25 items (its limit), 16 calls in
/// flight (Dynamo.StoreFloor's floor), UnprocessedItems sent again. 1 write unit per KB per item.
/// </summary>
internal sealed class BatchWriteCandidate(int inFlight) : Candidate
{
    public override string Name => $"batch-{inFlight}";
    public override string Description => $"BatchWriteItem, 25 a call, {inFlight} in flight, unconditional (baseline)";
    public override bool Conditional => false;

    public override Task WriteAsync(IAmazonDynamoDB store, string table, IReadOnlyList<Row> rows, Tally tally, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(rows.Chunk(25), new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken }, async (batch, token) =>
        {
            var pending = batch.ToList();
            while (pending.Count > 0)
            {
                var response = await store.BatchWriteItemAsync(new BatchWriteItemRequest
                {
                    RequestItems = new() { [table] = pending.Select(r => new WriteRequest(new PutRequest(r.Item))).ToList() },
                }, token);
                var unprocessed = (response.UnprocessedItems is { } left && left.TryGetValue(table, out var again) ? again : [])
                    .Select(w => w.PutRequest.Item[OrderRows.Key].S).ToHashSet(StringComparer.Ordinal);
                // Unprocessed items are neither written nor billed; the rest are, each as a PutItem.
                var done = pending.Where(r => !unprocessed.Contains(r.Key)).ToList();
                tally.Call(done.Sum(r => r.Units));
                tally.Count(Outcome.Written, done.Count);
                pending = pending.Where(r => unprocessed.Contains(r.Key)).ToList();
                if (pending.Count > 0) tally.Resent(pending.Count);
            }
        });
}

/// <summary>
/// The coordinator's choice: one PutItem per row with the version condition, ReturnValuesOnConditionCheckFailure =
/// ALL_OLD so a failed row says in the same call whether it is stale, a conflict or already stored. AWS bills a
/// failed condition as a write of the item's size: 1 unit per KB either way.
/// </summary>
internal sealed class ConditionalPutCandidate(int inFlight) : Candidate
{
    public override string Name => $"put-{inFlight}";
    public override string Description => $"conditional PutItem, 1 a call, {inFlight} in flight";

    public override Task WriteAsync(IAmazonDynamoDB store, string table, IReadOnlyList<Row> rows, Tally tally, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken }, async (row, token) =>
        {
            try
            {
                await store.PutItemAsync(new PutItemRequest
                {
                    TableName = table,
                    Item = row.Item,
                    ConditionExpression = VersionCondition,
                    ExpressionAttributeNames = VersionNames,
                    ExpressionAttributeValues = VersionValues(row),
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                }, token);
                tally.Call(row.Units);
                tally.Count(Outcome.Written);
            }
            catch (ConditionalCheckFailedException failed)
            {
                // The larger of the stored and the new item; ours are all under 1 KB, so 1 unit.
                tally.Call(Math.Max(row.Units, failed.Item is null ? 1 : (OrderRows.SizeOf(failed.Item) + 1023) / 1024));
                tally.Count(Tally.Classify(row, failed.Item));
            }
        });
}

/// <summary>
/// TransactWriteItems of 100 Puts (its limit), each with the version condition. 2 write units per KB per item, and
/// consumed even when the transaction is cancelled: one failed condition cancels all 100, the cancellation reasons
/// tell which rows failed (with their stored items, ALL_OLD), and the others are sent again in a new transaction.
/// 16 in flight: 5,000 rows are only 50 transactions, and DynamoDB Local runs them one at a time anyway.
/// </summary>
internal sealed class TransactCandidate(int inFlight) : Candidate
{
    public override string Name => $"transact-{inFlight}";
    public override string Description => $"TransactWriteItems, 100 a call, {inFlight} in flight";

    public override Task WriteAsync(IAmazonDynamoDB store, string table, IReadOnlyList<Row> rows, Tally tally, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(rows.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            var pending = chunk.ToList();
            for (var attempt = 1; pending.Count > 0; attempt++)
            {
                if (attempt > 10) throw new InvalidOperationException($"{pending.Count} rows still not settled after 10 transactions");
                if (attempt > 1) tally.Resent(pending.Count);
                var units = 2 * pending.Sum(r => r.Units);
                try
                {
                    await store.TransactWriteItemsAsync(new TransactWriteItemsRequest
                    {
                        TransactItems = pending.Select(row => new TransactWriteItem
                        {
                            Put = new Put
                            {
                                TableName = table,
                                Item = row.Item,
                                ConditionExpression = VersionCondition,
                                ExpressionAttributeNames = VersionNames,
                                ExpressionAttributeValues = VersionValues(row),
                                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                            },
                        }).ToList(),
                    }, token);
                    tally.Call(units);
                    tally.Count(Outcome.Written, pending.Count);
                    pending = [];
                }
                catch (TransactionCanceledException cancelled)
                {
                    // AWS: the capacity of a cancelled transaction is consumed all the same, 2 units per item.
                    tally.Call(units);
                    var reasons = cancelled.CancellationReasons ?? [];
                    if (reasons.Count != pending.Count)
                        throw new InvalidOperationException($"a cancelled transaction of {pending.Count} gave {reasons.Count} reasons: {cancelled.Message}");
                    var again = new List<Row>();
                    for (var i = 0; i < pending.Count; i++)
                    {
                        switch (reasons[i].Code)
                        {
                            case "ConditionalCheckFailed": tally.Count(Tally.Classify(pending[i], reasons[i].Item)); break;
                            // "None": this row was fine, cancelled with the others; a conflict with another transaction: try again.
                            case "None" or null or "TransactionConflict": again.Add(pending[i]); break;
                            default: throw new InvalidOperationException($"{pending[i].Key}: transaction cancelled for {reasons[i].Code}: {reasons[i].Message}");
                        }
                    }
                    pending = again;
                }
            }
        });
}

/// <summary>
/// PartiQL BatchExecuteStatement, 25 statements a call (its limit). An INSERT never overwrites (an existing key
/// answers DuplicateItem) and an UPDATE never creates (a missing key fails its WHERE), so a row takes an INSERT
/// first and, when its key exists, an UPDATE in a second round that SETs every attribute of the new version,
/// REMOVEs every known attribute it lacks, and holds the version condition in its WHERE (ALL_OLD on failure). A
/// failed INSERT is a failed conditional write: AWS bills it as one, so an update costs two rounds and two units.
/// Attributes the writer does not know of (undeclared fields of an older version) would survive the UPDATE.
/// </summary>
internal sealed class PartiqlCandidate(int inFlight) : Candidate
{
    public override string Name => $"partiql-{inFlight}";
    public override string Description => $"PartiQL BatchExecuteStatement, 25 a call, {inFlight} in flight: INSERT, then UPDATE ... WHERE _version < ?";

    public override Task WriteAsync(IAmazonDynamoDB store, string table, IReadOnlyList<Row> rows, Tally tally, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(rows.Chunk(25), new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            var inserts = chunk.ToList();
            for (var attempt = 1; inserts.Count > 0; attempt++)
            {
                // A key deleted between the INSERT and the UPDATE comes back here; more than a few rounds is a bug.
                if (attempt > 5) throw new InvalidOperationException($"{inserts.Count} rows neither inserted nor updated after 5 rounds");
                if (attempt > 1) tally.Resent(inserts.Count);
                var updates = await InsertAsync(store, table, inserts, tally, token);
                tally.Resent(updates.Count);
                inserts = await UpdateAsync(store, table, updates, tally, token);
            }
        });

    /// <summary>INSERTs the rows; returns those whose key exists already.</summary>
    private static async Task<List<Row>> InsertAsync(IAmazonDynamoDB store, string table, List<Row> rows, Tally tally, CancellationToken token)
    {
        var exists = new List<Row>();
        if (rows.Count == 0) return exists;
        var response = await store.BatchExecuteStatementAsync(new BatchExecuteStatementRequest
        {
            Statements = rows.Select(row => Insert(table, row)).ToList(),
        }, token);
        tally.Call(rows.Sum(r => r.Units));
        for (var i = 0; i < rows.Count; i++)
        {
            var error = response.Responses[i].Error;
            if (error is null) tally.Count(Outcome.Written);
            else if (error.Code == BatchStatementErrorCodeEnum.DuplicateItem) exists.Add(rows[i]);
            else throw new InvalidOperationException($"{rows[i].Key}: INSERT failed with {error.Code}: {error.Message}");
        }
        return exists;
    }

    /// <summary>UPDATEs the rows under the version condition; returns those whose key no longer exists.</summary>
    private static async Task<List<Row>> UpdateAsync(IAmazonDynamoDB store, string table, List<Row> rows, Tally tally, CancellationToken token)
    {
        var missing = new List<Row>();
        if (rows.Count == 0) return missing;
        var response = await store.BatchExecuteStatementAsync(new BatchExecuteStatementRequest
        {
            Statements = rows.Select(row => Update(table, row)).ToList(),
        }, token);
        tally.Call(rows.Sum(r => r.Units));
        var unknown = new List<Row>();
        for (var i = 0; i < rows.Count; i++)
        {
            var error = response.Responses[i].Error;
            if (error is null) tally.Count(Outcome.Written);
            else if (error.Code == BatchStatementErrorCodeEnum.ConditionalCheckFailed && error.Item is null) unknown.Add(rows[i]);
            else if (error.Code == BatchStatementErrorCodeEnum.ConditionalCheckFailed) tally.Count(Tally.Classify(rows[i], error.Item));
            else throw new InvalidOperationException($"{rows[i].Key}: UPDATE failed with {error.Code}: {error.Message}");
        }
        if (unknown.Count == 0) return missing;

        // A failed UPDATE without the stored item: on AWS, ALL_OLD brings it (BatchStatementError.Item) unless the
        // key is gone; DynamoDB Local 1.25.1 ignores ReturnValuesOnConditionCheckFailure here, so a third round reads
        // the keys (consistent, 1 read unit per 4 KB each) to tell stale from conflict from a key deleted meanwhile.
        var keys = unknown.Select(r => new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [OrderRows.Key] = r.Item[OrderRows.Key] }).ToList();
        var found = new Dictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
        while (keys.Count > 0)
        {
            var read = await store.BatchGetItemAsync(new BatchGetItemRequest
            {
                RequestItems = new() { [table] = new KeysAndAttributes { Keys = keys, ConsistentRead = true } },
            }, token);
            tally.Read();
            foreach (var item in read.Responses is { } byTable && byTable.TryGetValue(table, out var items) ? items : [])
                found[item[OrderRows.Key].S] = item;
            keys = read.UnprocessedKeys is { } left && left.TryGetValue(table, out var again) ? again.Keys : [];
        }
        foreach (var row in unknown)
        {
            if (found.TryGetValue(row.Key, out var stored)) tally.Count(Tally.Classify(row, stored));
            else missing.Add(row);
        }
        return missing;
    }

    private static BatchStatementRequest Insert(string table, Row row)
    {
        var statement = new StringBuilder().Append("INSERT INTO \"").Append(table).Append("\" VALUE {");
        var parameters = new List<AttributeValue>();
        foreach (var (name, value) in row.Item)
        {
            if (parameters.Count > 0) statement.Append(", ");
            statement.Append('\'').Append(name).Append("': ?");
            parameters.Add(value);
        }
        return new BatchStatementRequest { Statement = statement.Append('}').ToString(), Parameters = parameters };
    }

    private static BatchStatementRequest Update(string table, Row row)
    {
        var statement = new StringBuilder().Append("UPDATE \"").Append(table).Append('"');
        var parameters = new List<AttributeValue>();
        foreach (var name in OrderRows.Attributes)
        {
            if (row.Item.TryGetValue(name, out var value))
            {
                statement.Append(" SET \"").Append(name).Append("\" = ?");
                parameters.Add(value);
            }
            else
            {
                statement.Append(" REMOVE \"").Append(name).Append('"');
            }
        }
        statement.Append(" WHERE \"").Append(OrderRows.Key).Append("\" = ? AND (\"").Append(OrderRows.Version)
            .Append("\" IS MISSING OR \"").Append(OrderRows.Version).Append("\" < ?)");
        parameters.Add(row.Item[OrderRows.Key]);
        parameters.Add(row.Item[OrderRows.Version]);
        return new BatchStatementRequest
        {
            Statement = statement.ToString(),
            Parameters = parameters,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
    }
}
