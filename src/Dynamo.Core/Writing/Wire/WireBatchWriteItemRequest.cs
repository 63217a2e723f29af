using System.Buffers;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.Core.Writing.Wire;

/// <summary>
/// A BatchWriteItem of prepared items into one table. Its <see cref="BatchWriteItemRequest.RequestItems"/>
/// stay empty: a <see cref="WireDynamoDbClient"/> sends <see cref="Body"/> instead of what the SDK would marshal.
/// </summary>
public sealed class WireBatchWriteItemRequest : BatchWriteItemRequest, IPreparedBody
{
    private static readonly byte[] PutRequestStart = """{"PutRequest":{"Item":"""u8.ToArray();

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
        var length = "{\"RequestItems\":{\"\":[]}}"u8.Length + table.Length;
        foreach (var item in Items) length += PutRequestStart.Length + item.Json.Length + "}},"u8.Length;
        var output = new ArrayBufferWriter<byte>(length);
        output.Write("{\"RequestItems\":{\""u8);
        output.Write(table);
        output.Write("\":["u8);
        for (var i = 0; i < Items.Count; i++)
        {
            // Each item's JSON is complete and compact already: copied as it is.
            if (i > 0) output.Write(","u8);
            output.Write(PutRequestStart);
            output.Write(Items[i].Json.Span);
            output.Write("}}"u8);
        }
        output.Write("]}}"u8);
        return output.WrittenSpan.ToArray();
    }
}
