using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.Local.Capacity;

/// <summary>What the emulation needs to know of a table: its partition key attribute, and its ARN for ThrottlingReasons.</summary>
internal sealed record TableKeys(string PartitionKey, string Arn);

/// <summary>
/// The tables' partition key names, read once per table with DescribeTable through the upstream (a key schema
/// cannot change after a table is created). A table that does not exist is asked again next time.
/// </summary>
internal sealed class TableKeySchemas(IAmazonDynamoDB upstream)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableKeys?>>> _tables = new(StringComparer.Ordinal);

    /// <summary>The table's keys, or null when the table does not exist (the write is then forwarded for DynamoDB to refuse).</summary>
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
        try
        {
            var description = (await upstream.DescribeTableAsync(table)).Table;
            var partitionKey = description.KeySchema.First(k => k.KeyType == KeyType.HASH).AttributeName;
            return new TableKeys(partitionKey, description.TableArn);
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }
}
