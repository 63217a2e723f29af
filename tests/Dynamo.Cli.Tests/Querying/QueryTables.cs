using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Testing;

namespace Dynamo.Cli.Tests.Querying;

/// <summary>Uniquely named tables on the shared DynamoDB Local, filled with plain-JSON rows through the SDK.</summary>
public static class QueryTables
{
    /// <summary>A table keyed like the dataset (string keys), named "&lt;prefix&gt;-&lt;unique&gt;".</summary>
    public static async Task<string> CreateAsync(IAmazonDynamoDB dynamo, string prefix, string partitionKey, string? sortKey = null)
    {
        var table = UniqueNames.Table(prefix);
        var keys = new List<(string Name, KeyType Type)> { (partitionKey, KeyType.HASH) };
        if (sortKey is not null) keys.Add((sortKey, KeyType.RANGE));
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [.. keys.Select(k => new KeySchemaElement(k.Name, k.Type))],
            AttributeDefinitions = [.. keys.Select(k => new AttributeDefinition(k.Name, ScalarAttributeType.S))],
        });
        return table;
    }

    public static async Task PutAsync(IAmazonDynamoDB dynamo, string table, IEnumerable<string> jsonRows)
    {
        // BatchWriteItem takes at most 25 items a call.
        foreach (var chunk in jsonRows.Select(Item).Chunk(25))
        {
            var request = new Dictionary<string, List<WriteRequest>>
            {
                [table] = [.. chunk.Select(item => new WriteRequest(new PutRequest(item)))],
            };
            do
            {
                var response = await dynamo.BatchWriteItemAsync(request);
                request = response.UnprocessedItems ?? [];
            } while (request.Count > 0);
        }
    }

    /// <summary>A plain JSON row as an item: strings S, numbers N, booleans BOOL, null NULL, objects M, arrays L.</summary>
    public static Dictionary<string, AttributeValue> Item(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value), StringComparer.Ordinal);
    }

    private static AttributeValue Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new AttributeValue { S = value.GetString() },
        JsonValueKind.Number => new AttributeValue { N = value.GetRawText() },
        JsonValueKind.True or JsonValueKind.False => new AttributeValue { BOOL = value.GetBoolean() },
        JsonValueKind.Null => new AttributeValue { NULL = true },
        JsonValueKind.Array => new AttributeValue { L = [.. value.EnumerateArray().Select(Value)] },
        _ => new AttributeValue { M = value.EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value), StringComparer.Ordinal) },
    };

    /// <summary>DynamoDB JSON (as the AWS CLI prints an item, <c>{"name": {"S": "x"}}</c>) as an item.</summary>
    public static Dictionary<string, AttributeValue> FromDynamoDbJson(JsonElement item) =>
        item.EnumerateObject().ToDictionary(p => p.Name, p => Typed(p.Value), StringComparer.Ordinal);

    private static AttributeValue Typed(JsonElement typed)
    {
        var (type, value) = typed.EnumerateObject().Select(p => (p.Name, p.Value)).Single();
        return type switch
        {
            "S" => new AttributeValue { S = value.GetString() },
            "N" => new AttributeValue { N = value.GetString() },
            "BOOL" => new AttributeValue { BOOL = value.GetBoolean() },
            "NULL" => new AttributeValue { NULL = true },
            "L" => new AttributeValue { L = [.. value.EnumerateArray().Select(Typed)] },
            "M" => new AttributeValue { M = FromDynamoDbJson(value) },
            _ => throw new NotSupportedException($"DynamoDB type {type} does not occur in these tests."),
        };
    }
}
