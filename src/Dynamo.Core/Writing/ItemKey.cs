using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.Core.Writing;

/// <summary>
/// An item's primary key as one comparable string, to recognise the rows DynamoDB lists in
/// UnprocessedItems (it sends the put requests back, not our objects).
/// </summary>
public static class ItemKey
{
    public static string Of(WriteTarget target, Dictionary<string, AttributeValue> item)
    {
        var key = new StringBuilder();
        Append(key, item, target.PartitionKey);
        if (target.SortKey is { } sortKey) Append(key, item, sortKey);
        return key.ToString();
    }

    // Key attributes are S, N or B (DynamoDB's rule); a missing one is kept apart from any value.
    private static void Append(StringBuilder key, Dictionary<string, AttributeValue> item, string name)
    {
        if (!item.TryGetValue(name, out var value)) key.Append('-');
        else if (value.S is not null) key.Append('S').Append(value.S.Length).Append(':').Append(value.S);
        else if (value.N is not null) key.Append('N').Append(value.N.Length).Append(':').Append(value.N);
        else if (value.B is not null) key.Append('B').Append(Convert.ToBase64String(value.B.ToArray())).Append(';');
        else key.Append('?');
    }
}
