using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.EndToEnd.Tests;

/// <summary>What DynamoDB Local really holds, read straight from it (not through the capacity emulation).</summary>
internal static class StoredRows
{
    /// <summary>The items of the table whose partition key starts with the prefix; a Scan page holds at most 1 MB.</summary>
    public static async Task<int> CountAsync(IAmazonDynamoDB store, string table, string partitionKey, string prefix)
    {
        var count = 0;
        var request = new ScanRequest
        {
            TableName = table,
            ConsistentRead = true,
            Select = Select.COUNT,
            FilterExpression = "begins_with(#key, :prefix)",
            ExpressionAttributeNames = new() { ["#key"] = partitionKey },
            ExpressionAttributeValues = new() { [":prefix"] = new AttributeValue { S = prefix } },
        };
        do
        {
            var page = await store.ScanAsync(request);
            count += page.Count ?? 0;
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);
        return count;
    }

    /// <summary>Each item whose partition key starts with the prefix: its key -> its <c>_h</c> and <c>_rid</c>.</summary>
    public static async Task<Dictionary<string, (string Hash, string RequestId)>> SystemAttributesAsync(
        IAmazonDynamoDB store, string table, string partitionKey, string prefix)
    {
        var items = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var request = new ScanRequest
        {
            TableName = table,
            ConsistentRead = true,
            FilterExpression = "begins_with(#key, :prefix)",
            ExpressionAttributeNames = new() { ["#key"] = partitionKey },
            ExpressionAttributeValues = new() { [":prefix"] = new AttributeValue { S = prefix } },
        };
        do
        {
            var page = await store.ScanAsync(request);
            foreach (var item in page.Items ?? [])
                items.Add(item[partitionKey].S, (item["_h"].S, item["_rid"].S));
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);
        return items;
    }
}
