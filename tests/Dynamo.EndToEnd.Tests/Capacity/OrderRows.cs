using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Rows;

namespace Dynamo.EndToEnd.Tests.Capacity;

/// <summary>Rows of the `orders` dataset (about 150 bytes: one write unit each), and what the table holds of them.</summary>
internal static class OrderRows
{
    /// <summary><paramref name="count"/> rows whose orderIds start with "<paramref name="prefix"/>-".</summary>
    public static List<string> Create(string prefix, int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$"""{"orderId":"{{prefix}}-{{i}}","customer":"c-{{i % 97}}","amount":{{i}}.5,"currency":"EUR","status":"paid","createdAt":"2026-03-14T15:09:26Z"}""")),
    ];

    /// <summary>orderId -> the _h docs/datasets.md gives the row (the first 16 bytes of the SHA-256 of its canonical JSON, base64url).</summary>
    public static Dictionary<string, string> ExpectedHashes(IEnumerable<string> rows) => rows.Select(row =>
    {
        using var document = JsonDocument.Parse(row);
        return (document.RootElement.GetProperty("orderId").GetString()!, RowHash.ShortFormOfHex(CanonicalJson.Hash(document.RootElement)));
    }).ToDictionary(r => r.Item1, r => r.Item2, StringComparer.Ordinal);

    /// <summary>orderId -> _h of every stored order of the prefix, read straight from DynamoDB Local.</summary>
    public static async Task<Dictionary<string, string>> StoredHashesAsync(IAmazonDynamoDB store, string prefix)
    {
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        var request = new ScanRequest
        {
            TableName = "orders",
            ConsistentRead = true,
            FilterExpression = "begins_with(orderId, :prefix)",
            ProjectionExpression = "orderId, #hash",
            ExpressionAttributeNames = new() { ["#hash"] = "_h" },
            ExpressionAttributeValues = new() { [":prefix"] = new AttributeValue { S = prefix + "-" } },
        };
        do
        {
            var page = await store.ScanAsync(request);
            foreach (var item in page.Items)
                Assert.True(stored.TryAdd(item["orderId"].S, item["_h"].S), $"{item["orderId"].S} read twice");
            request.ExclusiveStartKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);
        return stored;
    }
}
