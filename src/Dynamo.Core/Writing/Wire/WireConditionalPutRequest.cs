using System.Buffers;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Rows;

namespace Dynamo.Core.Writing.Wire;

/// <summary>
/// A PutItem of one prepared item of a versioned dataset, on condition that the table holds no item of its key,
/// or one without a version, or one with a lower version. When the condition fails, DynamoDB answers
/// ConditionalCheckFailedException with the stored item (<c>ReturnValuesOnConditionCheckFailure=ALL_OLD</c>), so
/// the same call tells stale from conflict from already stored. Its <see cref="PutItemRequest.Item"/> stays empty:
/// a <see cref="WireDynamoDbClient"/> sends <see cref="Body"/>.
/// </summary>
public sealed class WireConditionalPutRequest : PutItemRequest, IPreparedBody
{
    /// <summary>
    /// attribute_not_exists of the partition key is true exactly when no item has this key; an item without
    /// <c>_version</c> (written before the dataset declared its version field) is overwritten.
    /// </summary>
    public const string Condition = "attribute_not_exists(#key) OR attribute_not_exists(#version) OR #version < :version";

    private readonly WriteTarget _target;
    private readonly WireItem _item;

    public WireConditionalPutRequest(WriteTarget target, WireItem item)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(item);
        if (item.Version is null) throw new ArgumentException("A conditional put needs the item's version.", nameof(item));
        _target = target;
        _item = item;
        // The SDK's own view of the request (its marshaller, its logs) names the table; what is sent is Body's.
        TableName = target.Table;
    }

    public string Table => _target.Table;

    /// <summary>The request body DynamoDB reads: the table, the item's JSON as prepared, the condition and its values.</summary>
    public byte[] Body()
    {
        var output = new ArrayBufferWriter<byte>(_item.Json.Length + 512);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("TableName", _target.Table);
            json.WritePropertyName("Item");
            // The item's JSON is complete and compact already: copied as it is.
            json.WriteRawValue(_item.Json.Span, skipInputValidation: true);
            json.WriteString("ConditionExpression", Condition);
            json.WriteStartObject("ExpressionAttributeNames");
            json.WriteString("#key", _target.PartitionKey);
            json.WriteString("#version", SystemAttributes.Version);
            json.WriteEndObject();
            json.WriteStartObject("ExpressionAttributeValues");
            json.WriteStartObject(":version");
            json.WriteString("N", _item.Version!.Number);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("ReturnValuesOnConditionCheckFailure", "ALL_OLD");
            json.WriteEndObject();
        }
        return output.WrittenSpan.ToArray();
    }
}
