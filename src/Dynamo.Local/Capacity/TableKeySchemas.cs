using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Local.Template;

namespace Dynamo.Local.Capacity;

/// <summary>A key attribute of a table: its name and its scalar type (S, N or B).</summary>
internal sealed record KeyAttribute(string Name, string Type);

/// <summary>
/// What the emulation needs to know of a table: its key attributes (to check and meter writes), its ARN in the region
/// and account the stack presents (for ThrottlingReasons), and whether it is on-demand (which names its throttling).
/// </summary>
internal sealed record TableKeys(KeyAttribute PartitionKey, KeyAttribute? SortKey, string Arn, bool OnDemand)
{
    public IEnumerable<KeyAttribute> Attributes => SortKey is null ? [PartitionKey] : [PartitionKey, SortKey];
}

/// <summary>
/// The tables' key schemas, read once per table with DescribeTable through the upstream (a key schema cannot change
/// after a table is created). A table that does not exist is asked again next time.
/// </summary>
internal sealed class TableKeySchemas(IAmazonDynamoDB upstream)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableKeys?>>> _tables = new(StringComparer.Ordinal);

    /// <summary>
    /// The table's keys, or null when DynamoDB would refuse the name (no such table, or not a valid name): the write
    /// is then forwarded for DynamoDB Local to answer, unmetered.
    /// </summary>
    public async Task<TableKeys?> GetAsync(string table, CancellationToken cancellationToken)
    {
        var entry = _tables.GetOrAdd(table, name => new Lazy<Task<TableKeys?>>(() => DescribeAsync(name)));
        TableKeys? keys;
        try
        {
            keys = await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _tables.TryRemove(KeyValuePair.Create(table, entry));
            throw;
        }
        if (keys is null) _tables.TryRemove(KeyValuePair.Create(table, entry));
        return keys;
    }

    private async Task<TableKeys?> DescribeAsync(string table)
    {
        TableDescription description;
        try
        {
            description = (await upstream.DescribeTableAsync(table)).Table;
        }
        catch (AmazonDynamoDBException e) when (e is ResourceNotFoundException || e.ErrorCode == "ValidationException")
        {
            return null;
        }
        KeyAttribute Attribute(KeySchemaElement key) =>
            new(key.AttributeName, description.AttributeDefinitions.First(d => d.AttributeName == key.AttributeName).AttributeType.Value);
        var partitionKey = description.KeySchema.First(k => k.KeyType == KeyType.HASH);
        var sortKey = description.KeySchema.FirstOrDefault(k => k.KeyType == KeyType.RANGE);
        return new TableKeys(
            Attribute(partitionKey),
            sortKey is null ? null : Attribute(sortKey),
            // DynamoDB Local names its own region and account (ddblocal, 000000000000); the stack presents others.
            PseudoParameters.DynamoDbTableArn(description.TableName),
            description.BillingModeSummary?.BillingMode == BillingMode.PAY_PER_REQUEST);
    }
}
