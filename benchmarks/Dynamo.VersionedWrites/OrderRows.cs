using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Rows;

namespace Dynamo.VersionedWrites;

/// <summary>One row as the ingest function would store it: its key, version, content hash and the whole item.</summary>
internal sealed record Row(string Key, long Version, string Hash, Dictionary<string, AttributeValue> Item, int SizeBytes)
{
    /// <summary>Write units of one standard write of this item: 1 per started KB (AWS rounds item sizes up to 1 KB).</summary>
    public int Units => Math.Max(1, (SizeBytes + 1023) / 1024);
}

/// <summary>
/// Orders-like rows of about 140 bytes (DynamoDB's item size: attribute names plus values), in versions. Version 2
/// carries a <c>coupon</c> on every tenth order that version 3 no longer has, so a candidate that only SETs the new
/// attributes (a PartiQL UPDATE) leaves it behind unless it REMOVEs it; verification compares whole items.
/// </summary>
internal static class OrderRows
{
    public const string Key = "orderId";
    public const string Version = SystemAttributes.Version;
    public const string Hash = SystemAttributes.Hash;

    /// <summary>Every non-key attribute some version of a row may carry: what an update has to SET or REMOVE.</summary>
    public static readonly IReadOnlyList<string> Attributes =
        ["customer", "amount", "currency", "status", "coupon", "createdAt", Hash, Version, SystemAttributes.IngestedAt, SystemAttributes.RequestId];

    private static readonly string[] Statuses = ["new", "new", "paid", "shipped", "delivered"];

    /// <summary>Rows 0 to count - 1, row i at version <paramref name="versionOf"/>(i); a row's content depends only on i and its version.</summary>
    public static Row[] Make(int count, Func<int, long> versionOf)
    {
        var rows = new Row[count];
        for (var i = 0; i < count; i++)
        {
            var version = versionOf(i);
            var requestId = string.Create(CultureInfo.InvariantCulture, $"bench-v{version}");
            var key = string.Create(CultureInfo.InvariantCulture, $"o-{i:D5}");
            // The client's fields; the amount and status move with the version so every version hashes differently.
            var fields = new List<(string Name, AttributeValue Value)>
            {
                ("customer", new AttributeValue { S = string.Create(CultureInfo.InvariantCulture, $"c-{i % 97}") }),
                ("amount", new AttributeValue { N = string.Create(CultureInfo.InvariantCulture, $"{i}.{version}") }),
                ("currency", new AttributeValue { S = "EUR" }),
                ("status", new AttributeValue { S = Statuses[(int)Math.Min(version, Statuses.Length - 1)] }),
                ("createdAt", new AttributeValue { S = "2026-03-14T15:09:26Z" }),
            };
            if (version == 2 && i % 10 == 0)
                fields.Add(("coupon", new AttributeValue { S = "SPRING-10" }));

            var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [Key] = new AttributeValue { S = key } };
            foreach (var (name, value) in fields) item[name] = value;
            var hash = HashOf(key, fields);
            item[Hash] = new AttributeValue { S = hash };
            item[Version] = new AttributeValue { N = version.ToString(CultureInfo.InvariantCulture) };
            item[SystemAttributes.IngestedAt] = new AttributeValue { N = "1796299200000" }; // 2026-12-03T12:00:00Z in Unix ms
            item[SystemAttributes.RequestId] = new AttributeValue { S = requestId };
            rows[i] = new Row(key, version, hash, item, SizeOf(item));
        }
        return rows;
    }

    /// <summary>SHA-256 of the row's fields in name order, in the short form the function stores as <c>_h</c> (22 base64url characters).</summary>
    private static string HashOf(string key, List<(string Name, AttributeValue Value)> fields)
    {
        var canonical = new StringBuilder(key);
        foreach (var (name, value) in fields.OrderBy(f => f.Name, StringComparer.Ordinal))
            canonical.Append('\n').Append(name).Append('=').Append(value.S ?? value.N);
        return RowHash.ShortForm(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>
    /// DynamoDB's item size: the UTF-8 bytes of every attribute name and string value; a number is about one byte per
    /// two significant digits plus one (AWS, "Item sizes and formats").
    /// </summary>
    public static int SizeOf(Dictionary<string, AttributeValue> item)
    {
        var size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name);
            if (value.S is not null) size += Encoding.UTF8.GetByteCount(value.S);
            else if (value.N is not null) size += (value.N.Count(char.IsAsciiDigit) + 1) / 2 + 1;
        }
        return size;
    }

    /// <summary>An item as one comparable string: names in order, each with its type and value.</summary>
    public static string Canonical(Dictionary<string, AttributeValue> item) =>
        string.Join('\u001f', item.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => a.Value.S is not null ? $"{a.Key}=S:{a.Value.S}"
                : a.Value.N is not null ? $"{a.Key}=N:{decimal.Parse(a.Value.N, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}"
                : $"{a.Key}=?"));
}
