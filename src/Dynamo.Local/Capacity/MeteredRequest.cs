using System.Text.Json;

namespace Dynamo.Local.Capacity;

/// <summary>
/// A write request read for metering: its JSON, the item writes it makes (one for PutItem, UpdateItem and
/// DeleteItem; one per put or delete request for BatchWriteItem), and the ARNs of the tables it writes.
/// </summary>
internal sealed class MeteredRequest : IDisposable
{
    private readonly JsonDocument _document;

    private MeteredRequest(JsonDocument document, IReadOnlyList<MeteredWrite> writes, IReadOnlyDictionary<string, string> tableArns)
    {
        _document = document;
        Writes = writes;
        TableArns = tableArns;
    }

    public JsonElement Body => _document.RootElement;
    public IReadOnlyList<MeteredWrite> Writes { get; }
    public IReadOnlyDictionary<string, string> TableArns { get; }

    /// <summary>
    /// The writes of a metered operation, or null to forward the request as is: not a write, not well formed, or
    /// on a table that does not exist (DynamoDB Local then answers with the error DynamoDB would give).
    /// </summary>
    public static async Task<MeteredRequest?> ReadAsync(string operation, byte[] body, TableKeySchemas schemas, CancellationToken cancellationToken)
    {
        if (operation is not ("BatchWriteItem" or "PutItem" or "UpdateItem" or "DeleteItem")) return null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        try
        {
            var writes = new List<MeteredWrite>();
            var arns = new Dictionary<string, string>(StringComparer.Ordinal);
            var root = document.RootElement;
            var tables = operation == "BatchWriteItem"
                ? Member(root, "RequestItems") is { ValueKind: JsonValueKind.Object } items ? items.EnumerateObject().Select(t => (t.Name, t.Value)).ToList() : []
                : Member(root, "TableName") is { ValueKind: JsonValueKind.String } name ? [(name.GetString()!, root)] : [];
            foreach (var (table, requests) in tables)
            {
                if (await schemas.GetAsync(table, cancellationToken) is not { } keys)
                {
                    document.Dispose();
                    return null;
                }
                arns[table] = keys.Arn;
                if (operation != "BatchWriteItem")
                {
                    writes.Add(new MeteredWrite(table, WriteCost.PartitionKeyOf(WriteCost.TargetOf(root), keys.PartitionKey), WriteCost.OfSingle(operation, root), root));
                }
                else if (requests.ValueKind == JsonValueKind.Array)
                {
                    foreach (var write in requests.EnumerateArray())
                        writes.Add(new MeteredWrite(table, WriteCost.PartitionKeyOf(WriteCost.TargetOf(write), keys.PartitionKey), WriteCost.OfBatchRequest(write), write));
                }
            }
            if (writes.Count == 0)
            {
                document.Dispose();
                return null;
            }
            return new MeteredRequest(document, writes, arns);
        }
        catch (InvalidOperationException)
        {
            // A value of the wrong JSON kind (say {"S": 1}): not well formed, DynamoDB Local will say so.
            document.Dispose();
            return null;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var member) ? member : default;

    public void Dispose() => _document.Dispose();
}
