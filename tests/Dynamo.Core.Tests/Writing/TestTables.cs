using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Writing;
using Dynamo.Testing;

namespace Dynamo.Core.Tests.Writing;

/// <summary>Uniquely named on-demand tables shaped like <c>orders</c> and <c>readings</c>, and their read-back.</summary>
public static class TestTables
{
    public static Task<WriteTarget> CreateOrdersAsync(IAmazonDynamoDB dynamo) =>
        CreateAsync(dynamo, TestItems.OrdersTable with { Table = UniqueNames.Table("orders") });

    public static Task<WriteTarget> CreateReadingsAsync(IAmazonDynamoDB dynamo) =>
        CreateAsync(dynamo, TestItems.ReadingsTable with { Table = UniqueNames.Table("readings") });

    private static async Task<WriteTarget> CreateAsync(IAmazonDynamoDB dynamo, WriteTarget target)
    {
        var keys = new[] { (target.PartitionKey, KeyType.HASH), (target.SortKey, KeyType.RANGE) }
            .Where(k => k.Item1 is not null)
            .Select(k => (Name: k.Item1!, Type: k.Item2))
            .ToList();
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = target.Table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = keys.Select(k => new KeySchemaElement(k.Name, k.Type)).ToList(),
            AttributeDefinitions = keys.Select(k => new AttributeDefinition(k.Name, ScalarAttributeType.S)).ToList(),
        });
        return target;
    }

    /// <summary>Every item of the table, as its key and its <c>_h</c>.</summary>
    public static async Task<Dictionary<string, string>> HashesAsync(IAmazonDynamoDB dynamo, WriteTarget target)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = target.Table, ExclusiveStartKey = start });
            foreach (var item in page.Items ?? [])
                hashes.Add(ItemKey.Of(target, item), item["_h"].S);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        } while (start is not null);
        return hashes;
    }

    public static Dictionary<string, string> Hashes(WriteTarget target, IEnumerable<PendingWrite> rows) =>
        rows.ToDictionary(r => ItemKey.Of(target, r.Item.Attributes), r => r.Item.Attributes["_h"].S, StringComparer.Ordinal);
}
