using System.Text.Json;

namespace Dynamo.Local.Capacity;

/// <summary>
/// A BatchWriteItem of which only some requests fit: the smaller BatchWriteItem that goes to DynamoDB Local, and
/// the answer the client gets, whose UnprocessedItems hold the refused requests as sent (plus any DynamoDB Local
/// left unprocessed itself).
/// </summary>
internal static class PartialBatch
{
    private const string RequestItems = "RequestItems";
    private const string UnprocessedItems = "UnprocessedItems";

    /// <summary>The request with only the admitted writes in RequestItems, every other member as sent.</summary>
    public static byte[] Request(JsonElement request, IReadOnlyList<MeteredWrite> admitted) =>
        Rewrite(request, RequestItems, json => WriteByTable(json, admitted, existing: default));

    /// <summary>DynamoDB Local's answer with the refused writes added to UnprocessedItems.</summary>
    public static byte[] Answer(JsonElement answer, IReadOnlyList<MeteredWrite> refused)
    {
        var unprocessed = answer.TryGetProperty(UnprocessedItems, out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
        return Rewrite(answer, UnprocessedItems, json => WriteByTable(json, refused, unprocessed));
    }

    /// <summary>The object with <paramref name="member"/> written anew (last), every other member as it was.</summary>
    public static byte[] Rewrite(JsonElement original, string member, Action<Utf8JsonWriter> writeMember)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var property in original.EnumerateObject())
            {
                if (property.NameEquals(member)) continue;
                property.WriteTo(json);
            }
            json.WritePropertyName(member);
            writeMember(json);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>{"table": [request, ...], ...}: the existing entries of each table first, then the given writes.</summary>
    private static void WriteByTable(Utf8JsonWriter json, IReadOnlyList<MeteredWrite> writes, JsonElement existing)
    {
        var tables = new List<string>();
        if (existing.ValueKind == JsonValueKind.Object)
            tables.AddRange(existing.EnumerateObject().Select(t => t.Name));
        tables.AddRange(writes.Select(w => w.Table).Where(t => !tables.Contains(t)).Distinct());

        json.WriteStartObject();
        foreach (var table in tables)
        {
            json.WriteStartArray(table);
            if (existing.ValueKind == JsonValueKind.Object && existing.TryGetProperty(table, out var already))
            {
                foreach (var request in already.EnumerateArray())
                    request.WriteTo(json);
            }
            foreach (var write in writes.Where(w => w.Table == table))
                write.Request.WriteTo(json);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}
