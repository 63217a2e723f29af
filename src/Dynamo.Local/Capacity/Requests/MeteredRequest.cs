using System.Text.Json;

namespace Dynamo.Local.Capacity.Requests;

/// <summary>How a write API is decided and answered (docs/local-stack.md, Capacity emulation).</summary>
internal enum WriteShape
{
    /// <summary>PutItem, UpdateItem, DeleteItem, ExecuteStatement: one write that fits or fails.</summary>
    Single,
    /// <summary>BatchWriteItem: what does not fit comes back as UnprocessedItems.</summary>
    ItemBatch,
    /// <summary>TransactWriteItems, ExecuteTransaction: twice the units, all or nothing.</summary>
    Transaction,
    /// <summary>BatchExecuteStatement: each statement fits or gets its own error in Responses.</summary>
    StatementBatch,
}

/// <summary>
/// A write request read for metering: its JSON, its shape, the item writes it makes and the tables they go to; or,
/// when DynamoDB would refuse the request whole (<see cref="IsInvalid"/>), only that, so that it is forwarded
/// uncharged and DynamoDB Local answers its own ValidationException, whatever the buckets hold.
/// </summary>
internal sealed class MeteredRequest : IDisposable
{
    private readonly JsonDocument _document;
    private readonly List<IDisposable> _owned;

    internal MeteredRequest(string operation, WriteShape shape, JsonDocument document, IReadOnlyList<MeteredWrite> writes,
        IReadOnlyDictionary<string, TableKeys> tables, bool invalid, List<IDisposable> owned, byte[]? refusal = null)
    {
        Refusal = refusal;
        Operation = operation;
        Shape = shape;
        _document = document;
        Writes = writes;
        Tables = tables;
        IsInvalid = invalid;
        _owned = owned;
    }

    public string Operation { get; }
    public WriteShape Shape { get; }
    public JsonElement Body => _document.RootElement;
    public IReadOnlyList<MeteredWrite> Writes { get; }
    public IReadOnlyDictionary<string, TableKeys> Tables { get; }
    public bool IsInvalid { get; }
    /// <summary>
    /// For an invalid request DynamoDB Local would half-write, its ValidationException as DynamoDB Local words it,
    /// which the proxy answers itself; null when DynamoDB Local answers.
    /// </summary>
    public byte[]? Refusal { get; }

    /// <summary>
    /// The request's writes, or null to forward it as is: not a write (reads, table operations), not JSON, a read-only
    /// PartiQL batch, or a table DynamoDB would not find (DynamoDB Local then answers what DynamoDB would).
    /// </summary>
    public static async Task<MeteredRequest?> ReadAsync(string operation, byte[] body, TableKeySchemas schemas, CancellationToken cancellationToken)
    {
        if (!IsWrite(operation)) return null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
        try
        {
            var reader = new RequestReader(operation, document, schemas);
            var request = operation switch
            {
                "PutItem" or "UpdateItem" or "DeleteItem" or "BatchWriteItem" => await ItemWrites.ReadAsync(reader, cancellationToken),
                "TransactWriteItems" => await TransactionWrites.ReadAsync(reader, cancellationToken),
                _ => await StatementWrites.ReadAsync(reader, cancellationToken),
            };
            if (request is null) reader.Dispose();
            return request;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static bool IsWrite(string operation) => operation is "PutItem" or "UpdateItem" or "DeleteItem" or "BatchWriteItem"
        or "TransactWriteItems" or "ExecuteStatement" or "BatchExecuteStatement" or "ExecuteTransaction";

    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
        _document.Dispose();
    }
}

/// <summary>What the readers of each API share while they read one request: its JSON, the tables' keys, the writes found.</summary>
internal sealed class RequestReader(string operation, JsonDocument document, TableKeySchemas schemas) : IDisposable
{
    private readonly Dictionary<string, TableKeys> _tables = new(StringComparer.Ordinal);
    private readonly List<MeteredWrite> _writes = [];
    private readonly List<IDisposable> _owned = [];

    public string Operation => operation;
    public JsonElement Body => document.RootElement;
    public IReadOnlyList<MeteredWrite> Writes => _writes;

    /// <summary>The table's keys, or null when DynamoDB would not find it (the reader then forwards the request as is).</summary>
    public Task<TableKeys?> TableAsync(JsonElement name, CancellationToken cancellationToken) =>
        name.ValueKind == JsonValueKind.String && name.GetString() is { } table ? TableAsync(table, cancellationToken) : Task.FromResult<TableKeys?>(null);

    /// <inheritdoc cref="TableAsync(JsonElement, CancellationToken)"/>
    public async Task<TableKeys?> TableAsync(string table, CancellationToken cancellationToken)
    {
        if (_tables.TryGetValue(table, out var known)) return known;
        if (await schemas.GetAsync(table, cancellationToken) is not { } keys) return null;
        _tables[table] = keys;
        return keys;
    }

    public void Add(MeteredWrite write) => _writes.Add(write);

    /// <summary>Keeps a document a write's JSON lives in until the request is done.</summary>
    public T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public MeteredRequest Request(WriteShape shape) => new(operation, shape, document, _writes, _tables, invalid: false, _owned);

    /// <summary>A request DynamoDB refuses whole: forwarded uncharged for DynamoDB Local to say why.</summary>
    public MeteredRequest Invalid(WriteShape shape) => new(operation, shape, document, [], _tables, invalid: true, _owned);

    /// <summary>A request DynamoDB refuses whole that DynamoDB Local would half-write: the proxy answers it with this error.</summary>
    public MeteredRequest Refused(WriteShape shape, byte[] validationException) =>
        new(operation, shape, document, [], _tables, invalid: true, _owned, validationException);

    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
        document.Dispose();
    }
}
