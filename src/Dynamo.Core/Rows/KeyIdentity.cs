using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Datasets;

namespace Dynamo.Core.Rows;

/// <summary>
/// Which DynamoDB item a row lands on: its key attribute values as stored (date-times in UTC, numbers
/// canonical), so two rows that would overwrite each other have the same identity.
/// </summary>
internal readonly record struct KeyIdentity(string Partition, string? Sort)
{
    public static KeyIdentity Of(Dataset dataset, Dictionary<string, AttributeValue> item) => new(
        Text(item[dataset.PartitionKey.Name]),
        dataset.SortKey is { } sort ? Text(item[sort.Name]) : null);

    private static string Text(AttributeValue value) => value.S ?? value.N;
}
