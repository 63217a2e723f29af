using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Datasets;

namespace Dynamo.Core.Querying;

/// <summary>The key attributes of what a statement reads: a table (or one of its indexes).</summary>
public sealed record TableKeys(string PartitionKey, string? SortKey)
{
    public IReadOnlyList<string> Names => SortKey is null ? [PartitionKey] : [PartitionKey, SortKey];

    /// <summary>
    /// From the dataset whose table it is, without a call; otherwise (a table named differently on AWS, an
    /// index) from DescribeTable. Null when DescribeTable is not allowed.
    /// </summary>
    /// <exception cref="ResourceNotFoundException">No such table.</exception>
    public static async Task<TableKeys?> ResolveAsync(IAmazonDynamoDB dynamo, DatasetCatalog catalog, string table, string? index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(catalog);
        if (index is null && catalog.All.FirstOrDefault(d => d.Table == table) is { } dataset)
            return new TableKeys(dataset.PartitionKey.Name, dataset.SortKey?.Name);

        TableDescription description;
        try
        {
            description = (await dynamo.DescribeTableAsync(table, cancellationToken)).Table;
        }
        catch (AmazonDynamoDBException e) when (e.ErrorCode == "AccessDeniedException")
        {
            return null;
        }
        var schema = index is null
            ? description.KeySchema
            : (description.GlobalSecondaryIndexes ?? []).Where(i => i.IndexName == index).Select(i => i.KeySchema)
                .Concat((description.LocalSecondaryIndexes ?? []).Where(i => i.IndexName == index).Select(i => i.KeySchema))
                .FirstOrDefault();
        if (schema is null) return null;
        return new TableKeys(
            schema.First(k => k.KeyType == KeyType.HASH).AttributeName,
            schema.FirstOrDefault(k => k.KeyType == KeyType.RANGE)?.AttributeName);
    }
}
