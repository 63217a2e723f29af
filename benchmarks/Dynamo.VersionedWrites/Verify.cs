using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.VersionedWrites;

/// <summary>Checks a table holds exactly the expected rows: as many items, each equal attribute by attribute.</summary>
internal static class Verify
{
    /// <summary>Null when the table matches; otherwise what is wrong (the first few differences).</summary>
    public static async Task<string?> TableAsync(IAmazonDynamoDB store, string table, IReadOnlyList<Row> expected, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await store.ScanAsync(new ScanRequest { TableName = table, ConsistentRead = true, ExclusiveStartKey = start }, cancellationToken);
            foreach (var item in page.Items ?? [])
                stored[item[OrderRows.Key].S] = item;
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        } while (start is not null);

        var problems = new List<string>();
        if (stored.Count != expected.Count)
            problems.Add($"{stored.Count} items, expected {expected.Count}");
        foreach (var row in expected)
        {
            if (problems.Count >= 4) break;
            if (!stored.TryGetValue(row.Key, out var item))
                problems.Add($"{row.Key} missing");
            else if (OrderRows.Canonical(item) != OrderRows.Canonical(row.Item))
                problems.Add($"{row.Key} is [{OrderRows.Canonical(item).Replace('\u001f', ' ')}], expected version {row.Version} [{OrderRows.Canonical(row.Item).Replace('\u001f', ' ')}]");
        }
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
