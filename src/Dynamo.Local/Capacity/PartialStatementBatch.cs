using System.Text.Json;

namespace Dynamo.Local.Capacity;

/// <summary>
/// A BatchExecuteStatement of which only some statements fit: the smaller BatchExecuteStatement that goes to DynamoDB
/// Local (statements it must refuse on its own go too), and the answer the client gets, whose Responses hold, in the
/// request's order, DynamoDB Local's response for each statement it ran and a throttling error for each refused one.
/// </summary>
internal static class PartialStatementBatch
{
    private const string Statements = "Statements";
    private const string Responses = "Responses";

    /// <summary>The request with only the forwarded statements, every other member as sent.</summary>
    public static byte[] Request(JsonElement request, IEnumerable<MeteredWrite> forwarded) =>
        PartialBatch.Rewrite(request, Statements, json =>
        {
            json.WriteStartArray();
            foreach (var write in forwarded) write.Request.WriteTo(json);
            json.WriteEndArray();
        });

    /// <summary>
    /// The client's answer: <paramref name="answered"/> (DynamoDB Local's responses to the forwarded statements, in
    /// their order) merged with the refusals, each at its statement's place.
    /// </summary>
    public static byte[] Answer(JsonElement? answer, IReadOnlyList<MeteredWrite> writes, IReadOnlyList<ThroughputExceeded.Refusal?> refusals)
    {
        var responses = answer is { } a && WireValue.Member(a, Responses) is { ValueKind: JsonValueKind.Array } r ? r.EnumerateArray().ToList() : [];
        void WriteResponses(Utf8JsonWriter json)
        {
            json.WriteStartArray();
            var next = 0;
            for (var i = 0; i < writes.Count; i++)
            {
                if (refusals[i] is { } refusal) ThroughputExceeded.WriteStatementError(json, refusal, writes[i].Table);
                else if (next < responses.Count) responses[next++].WriteTo(json);
            }
            json.WriteEndArray();
        }
        if (answer is { } original) return PartialBatch.Rewrite(original, Responses, WriteResponses);
        using var empty = JsonDocument.Parse("{}");
        return PartialBatch.Rewrite(empty.RootElement, Responses, WriteResponses);
    }
}
