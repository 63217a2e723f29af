using System.Text.Json;

namespace Dynamo.Local.Capacity.Requests;

/// <summary>
/// The PartiQL write APIs read for metering: ExecuteStatement (one statement), BatchExecuteStatement (1 to 25
/// statements, all reads or all writes, no two writes on one item) and ExecuteTransaction (1 to 100 statements,
/// twice the units, all or nothing). A statement must name its whole key: an INSERT's item holds every key attribute
/// of the table's types within 400 KB, an UPDATE or DELETE has an equality on each key attribute ("Where clause does
/// not contain a mandatory equality on all key attributes"). In a BatchExecuteStatement a statement that fails these
/// gets its own error from DynamoDB Local and is never charged; anywhere else the request is refused whole.
/// </summary>
internal static class StatementWrites
{
    /// <summary>"BatchWriteItem cannot write more than 25 items" is DynamoDB Local's answer above it.</summary>
    public const int MaxBatchStatements = 25;

    // DynamoDB Local's answer to a statement batch with two writes of one item, byte for byte.
    private static readonly byte[] DuplicateKeys =
        """{"__type":"com.amazon.coral.validate#ValidationException","Message":"Provided list of item keys contains duplicates"}"""u8.ToArray();

    public static async Task<MeteredRequest?> ReadAsync(RequestReader reader, CancellationToken cancellationToken) => reader.Operation switch
    {
        "ExecuteStatement" => await SingleAsync(reader, cancellationToken),
        "BatchExecuteStatement" => await BatchAsync(reader, cancellationToken),
        _ => await TransactionAsync(reader, cancellationToken),
    };

    private static async Task<MeteredRequest?> SingleAsync(RequestReader reader, CancellationToken cancellationToken)
    {
        if (WireValue.Member(reader.Body, "Statement") is not { ValueKind: JsonValueKind.String } text || PartiqlWrite.IsRead(text.GetString()!))
            return null;
        var (write, _, known) = await ReadStatementAsync(reader, reader.Body, index: 0, transactional: false, cancellationToken);
        if (!known) return null;
        if (write is null) return reader.Invalid(WriteShape.Single);
        reader.Add(write);
        return reader.Request(WriteShape.Single);
    }

    private static async Task<MeteredRequest?> BatchAsync(RequestReader reader, CancellationToken cancellationToken)
    {
        var statements = WireValue.Member(reader.Body, "Statements");
        if (statements.ValueKind != JsonValueKind.Array || statements.GetArrayLength() is 0 or > MaxBatchStatements)
            return reader.Invalid(WriteShape.StatementBatch);
        var reads = statements.EnumerateArray().Count(s => WireValue.Member(s, "Statement") is { ValueKind: JsonValueKind.String } t && PartiqlWrite.IsRead(t.GetString()!));
        if (reads == statements.GetArrayLength()) return null;
        // "Read and write requests together in the same batch is not supported."
        if (reads > 0) return reader.Invalid(WriteShape.StatementBatch);

        var items = new HashSet<(string, string)>();
        var index = 0;
        foreach (var statement in statements.EnumerateArray())
        {
            var (write, key, known) = await ReadStatementAsync(reader, statement, index, transactional: false, cancellationToken);
            // A statement DynamoDB refuses on its own (its table unknown too) is answered on its own: forwarded, never charged.
            if (write is null || !known) write = new MeteredWrite("", "", 0, statement, index, Invalid: true);
            // DynamoDB Local stores the first of two writes of one key before it refuses the batch; DynamoDB refuses it whole.
            if (!write.Invalid && !items.Add((write.Table, key))) return reader.Refused(WriteShape.StatementBatch, DuplicateKeys);
            reader.Add(write);
            index++;
        }
        return reader.Request(WriteShape.StatementBatch);
    }

    private static async Task<MeteredRequest?> TransactionAsync(RequestReader reader, CancellationToken cancellationToken)
    {
        var statements = WireValue.Member(reader.Body, "TransactStatements");
        if (statements.ValueKind != JsonValueKind.Array || statements.GetArrayLength() is 0 or > TransactionWrites.MaxActions)
            return reader.Invalid(WriteShape.Transaction);
        var items = new HashSet<(string, string)>();
        var index = 0;
        foreach (var statement in statements.EnumerateArray())
        {
            var (write, key, known) = await ReadStatementAsync(reader, statement, index, transactional: true, cancellationToken);
            if (!known) return null;
            if (write is null || !items.Add((write.Table, key))) return reader.Invalid(WriteShape.Transaction);
            reader.Add(write);
            index++;
        }
        return reader.Request(WriteShape.Transaction);
    }

    /// <summary>
    /// One statement ({"Statement": ..., "Parameters": [...]}) as a metered write and the identity of the item it
    /// writes (<see cref="WriteChecks.KeyOf"/>); null when DynamoDB would refuse it; known is false when its table does
    /// not exist (the request then goes to DynamoDB Local as it is).
    /// </summary>
    private static async Task<(MeteredWrite? Write, string Key, bool Known)> ReadStatementAsync(RequestReader reader, JsonElement statement, int index, bool transactional,
        CancellationToken cancellationToken)
    {
        if (WireValue.Member(statement, "Statement") is not { ValueKind: JsonValueKind.String } text) return (null, "", true);
        var write = PartiqlWrite.Read(text.GetString()!, WireValue.Member(statement, "Parameters"));
        if (write is null) return (null, "", true);
        reader.Own(write);
        if (write.Action == PartiqlAction.Exists && !transactional) return (null, "", true);
        if (await reader.TableAsync(write.Table, cancellationToken) is not { } keys) return (null, "", false);
        var target = write.Action == PartiqlAction.Insert ? write.Item : write.Where;
        var valid = write.Action == PartiqlAction.Insert
            ? WriteChecks.IsValidItem(target, keys)
            : keys.Attributes.All(k => target.TryGetProperty(k.Name, out var value) && WriteChecks.IsValidKeyValue(value, k));
        if (!valid) return (null, "", true);
        var units = WriteCost.OfStatement(write, keys);
        return (new MeteredWrite(write.Table, WriteChecks.PartitionKeyOf(target, keys), transactional ? WriteCost.Transactional(units) : units, statement, index),
            WriteChecks.KeyOf(target, keys), true);
    }
}
