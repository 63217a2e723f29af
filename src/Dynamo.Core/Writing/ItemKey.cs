using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.Core.Writing;

/// <summary>
/// An item's primary key as one comparable string, to recognise the rows DynamoDB lists in
/// UnprocessedItems (it sends the put requests back, not our objects).
/// </summary>
public static class ItemKey
{
    public static string Of(WriteTarget target, IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(item);
        return Of(PartOf(item, target.PartitionKey), target.SortKey is { } sortKey ? PartOf(item, sortKey) : null);
    }

    /// <summary>The key of a row about to be written, from its key values as stored.</summary>
    public static string Of(Part partition, Part? sort) => sort is { } sortPart
        ? string.Create(CultureInfo.InvariantCulture, $"{partition.Type}{partition.Text.Length}:{partition.Text}{sortPart.Type}{sortPart.Text.Length}:{sortPart.Text}")
        : string.Create(CultureInfo.InvariantCulture, $"{partition.Type}{partition.Text.Length}:{partition.Text}");

    /// <summary>One key attribute: its type (S, N or B, DynamoDB's rule for keys) and its text (base64 for B).</summary>
    public readonly record struct Part(char Type, string Text)
    {
        public static Part OfString(string text) => new('S', text);
        public static Part OfNumber(string text) => new('N', text);
    }

    /// <summary>The named key attribute of an item; a missing or untyped one is kept apart from any value.</summary>
    public static Part PartOf(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        !item.TryGetValue(name, out var value) ? new Part('-', "")
        : value.S is not null ? Part.OfString(value.S)
        : value.N is not null ? Part.OfNumber(value.N)
        : value.B is not null ? new Part('B', Convert.ToBase64String(value.B.ToArray()))
        : new Part('?', "");
}
