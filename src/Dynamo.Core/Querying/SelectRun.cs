using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Datasets;

namespace Dynamo.Core.Querying;

/// <summary>
/// One read-only SELECT ready to run, the one engine of `dynamo query` and of the local console's PartiQL box: the
/// statement <see cref="SelectStatement"/> accepted, its values for each ?, the keys of what it reads, the warning when
/// it scans the whole table, the order of the columns, and the rows page after page (<see cref="StatementReader"/>).
/// </summary>
public sealed class SelectRun
{
    private readonly IReadOnlyList<AttributeValue> _parameters;

    private SelectRun(SelectStatement statement, IReadOnlyList<AttributeValue> parameters, TableKeys? keys)
    {
        Statement = statement;
        _parameters = parameters;
        Keys = keys;
        FullScan = keys is null ? null : FullScanWarning.For(statement, keys);
        Order = new ColumnOrder(statement.Projection, keys?.Names ?? []);
    }

    public SelectStatement Statement { get; }
    /// <summary>Null when DescribeTable is not allowed (the columns then come by name only).</summary>
    public TableKeys? Keys { get; }
    /// <summary>Why the statement reads the whole table, or null when its WHERE names the partition key.</summary>
    public string? FullScan { get; }
    public ColumnOrder Order { get; }

    /// <exception cref="ArgumentException">The values do not match the statement's ? count.</exception>
    /// <exception cref="ResourceNotFoundException">No such table (<see cref="UnknownTableAsync"/> says which exist).</exception>
    public static async Task<SelectRun> PrepareAsync(IAmazonDynamoDB dynamo, SelectStatement statement, IReadOnlyList<AttributeValue> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count != statement.ParameterCount)
            throw new ArgumentException($"The statement has {statement.ParameterCount} ? and {parameters.Count} values.", nameof(parameters));
        var keys = await TableKeys.ResolveAsync(dynamo, DatasetCatalog.Load(), statement.Table, statement.Index, cancellationToken).ConfigureAwait(false);
        return new SelectRun(statement, parameters, keys);
    }

    /// <param name="limit">Stop after this many rows; null reads every page.</param>
    public IAsyncEnumerable<Dictionary<string, AttributeValue>> ReadAsync(IAmazonDynamoDB dynamo, long? limit, CancellationToken cancellationToken) =>
        StatementReader.ReadAsync(dynamo, Statement, _parameters, limit, cancellationToken);

    /// <summary>"No table named 'x' at TARGET; its tables are a, b." for a statement on a table that does not exist.</summary>
    public static async Task<string> UnknownTableAsync(IAmazonDynamoDB dynamo, string table, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        var tables = new List<string>();
        string? start = null;
        do
        {
            var page = await dynamo.ListTablesAsync(new ListTablesRequest { ExclusiveStartTableName = start }, cancellationToken).ConfigureAwait(false);
            tables.AddRange(page.TableNames ?? []);
            start = page.LastEvaluatedTableName;
        } while (start is not null);
        var known = tables.Count == 0 ? "it has no tables" : "its tables are " + string.Join(", ", tables);
        return $"No table named '{table}' at {target}; {known}.";
    }
}
