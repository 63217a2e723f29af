using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Rows;
using Dynamo.Core.Writing;
using Dynamo.Core.Writing.Wire;

namespace Dynamo.Benchmarks.Writing;

/// <summary>Order-shaped items, built straight as attribute maps, about 140 bytes each like a stored order (docs/performance.md, "Bytes per item").</summary>
public static class BenchmarkOrders
{
    public static readonly WriteTarget Table = new("orders-bench", "orderId");

    public static List<PendingWrite> Rows(int count) => Enumerable.Range(0, count).Select(n => new PendingWrite(n, WireItem.From(Table, new Dictionary<string, AttributeValue>
    {
        ["orderId"] = new() { S = $"A-{n:D6}" },
        ["customer"] = new() { S = $"customer-{n % 97}" },
        ["amount"] = new() { N = (n * 1.25m).ToString(CultureInfo.InvariantCulture) },
        ["currency"] = new() { S = "EUR" },
        ["status"] = new() { S = "paid" },
        ["createdAt"] = new() { S = "2026-01-01T00:00:00Z" },
        [SystemAttributes.Hash] = new() { S = new string('a', RowHash.ShortFormLength) },
        [SystemAttributes.IngestedAt] = new() { N = "1767225601000" }, // 2026-01-01T00:00:01Z in Unix ms
        [SystemAttributes.RequestId] = new() { S = "bench" },
    }))).ToList();
}
