using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Rows;
using Dynamo.Core.Writing;
using Dynamo.Core.Writing.Wire;

namespace Dynamo.Core.Tests.Writing;

/// <summary>
/// Items shaped like the two example datasets, built straight as DynamoDB attribute maps (the row
/// conversion has its own tests); each carries an <c>_h</c> of its fields to compare on read-back.
/// </summary>
public static class TestItems
{
    public static readonly WriteTarget OrdersTable = new("orders", "orderId");
    public static readonly WriteTarget ReadingsTable = new("readings", "deviceId", "ts");

    public static string OrderId(int n) => $"A-{n:D5}";

    public static Dictionary<string, AttributeValue> Order(int n, string run = "")
    {
        var fields = new Dictionary<string, AttributeValue>
        {
            ["orderId"] = new() { S = OrderId(n) },
            ["customer"] = new() { S = $"customer-{n % 97}{run}" },
            ["amount"] = new() { N = (n * 1.25m).ToString(CultureInfo.InvariantCulture) },
            ["status"] = new() { S = "paid" },
            ["createdAt"] = new() { S = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(n).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) },
        };
        return WithHash(fields);
    }

    public static Dictionary<string, AttributeValue> Reading(int n)
    {
        var fields = new Dictionary<string, AttributeValue>
        {
            ["deviceId"] = new() { S = $"d-{n % 50:D2}" },
            ["ts"] = new() { S = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(n).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) },
            ["temperature"] = new() { N = (18 + n % 10 * 0.5m).ToString(CultureInfo.InvariantCulture) },
            ["humidity"] = new() { N = (n % 100).ToString(CultureInfo.InvariantCulture) },
        };
        return WithHash(fields);
    }

    public static List<PendingWrite> Orders(int count) =>
        Enumerable.Range(0, count).Select(n => new PendingWrite(n, WireItem.From(OrdersTable, Order(n)))).ToList();

    public static List<PendingWrite> Readings(int count) =>
        Enumerable.Range(0, count).Select(n => new PendingWrite(n, WireItem.From(ReadingsTable, Reading(n)))).ToList();

    /// <summary>A stand-in for the canonical-JSON hash: any stable digest of the fields serves the read-back.</summary>
    private static Dictionary<string, AttributeValue> WithHash(Dictionary<string, AttributeValue> fields)
    {
        var text = string.Join('\n', fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value.S ?? f.Value.N}"));
        fields["_h"] = new AttributeValue { S = RowHash.ShortForm(SHA256.HashData(Encoding.UTF8.GetBytes(text))) };
        return fields;
    }
}
