using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.Core.Writing.Wire;

/// <summary>
/// A BatchWriteItem of prepared items into one table. Its <see cref="BatchWriteItemRequest.RequestItems"/>
/// stay empty: a <see cref="WireDynamoDbClient"/> sends <see cref="Body"/> instead of what the SDK would marshal.
/// </summary>
public sealed class WireBatchWriteItemRequest : BatchWriteItemRequest, IPreparedBody
{
    private static ReadOnlySpan<byte> Start => "{\"RequestItems\":{\""u8;
    private static ReadOnlySpan<byte> TableEnd => "\":["u8;
    private static ReadOnlySpan<byte> PutRequestStart => "{\"PutRequest\":{\"Item\":"u8;
    private static ReadOnlySpan<byte> PutRequestEnd => "}}"u8;
    private static ReadOnlySpan<byte> End => "]}}"u8;

    public WireBatchWriteItemRequest(string table, IReadOnlyList<WireItem> items)
    {
        Table = table;
        Items = items;
    }

    public string Table { get; }
    public IReadOnlyList<WireItem> Items { get; }

    /// <summary>The request body DynamoDB reads: <c>{"RequestItems":{"table":[{"PutRequest":{"Item":{...}}},...]}}</c>.</summary>
    public byte[] Body()
    {
        var table = JsonEncodedText.Encode(Table).EncodedUtf8Bytes;
        var length = Start.Length + table.Length + TableEnd.Length + End.Length;
        foreach (var item in Items) length += PutRequestStart.Length + item.Json.Length + PutRequestEnd.Length;
        length += Math.Max(0, Items.Count - 1);
        // Written into an array of the exact size: the SDK takes it as the body as it is, with no copy.
        var body = new byte[length];
        var at = Append(body, 0, Start);
        at = Append(body, at, table);
        at = Append(body, at, TableEnd);
        for (var i = 0; i < Items.Count; i++)
        {
            // Each item's JSON is complete and compact already: copied as it is.
            if (i > 0) body[at++] = (byte)',';
            at = Append(body, at, PutRequestStart);
            at = Append(body, at, Items[i].Json.Span);
            at = Append(body, at, PutRequestEnd);
        }
        Append(body, at, End);
        return body;
    }

    private static int Append(byte[] body, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(body.AsSpan(at));
        return at + bytes.Length;
    }
}
