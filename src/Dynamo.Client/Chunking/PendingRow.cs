using System.Text.Json;
using Dynamo.Client.Keys;

namespace Dynamo.Client.Chunking;

/// <summary>A row read from the input and not yet final: its compact UTF-8 JSON, its key, and why it is still pending.</summary>
internal sealed class PendingRow(long position, byte[] json, ItemIdentity? key)
{
    public long Position { get; } = position;
    public byte[] Json { get; } = json;
    /// <summary>
    /// What the row takes in the Lambda event, where API Gateway writes the body as one JSON string: each
    /// <c>"</c> and <c>\</c> once more. The event's 6 MB counts this, not the body's bytes: 5 MB of rows
    /// that are two-fifths quotes would be 7 MB there, refused before the function, and as often as resent.
    /// </summary>
    public long EventBytes { get; } = json.Length + json.AsSpan().Count((byte)'"') + json.AsSpan().Count((byte)'\\');
    /// <summary>Null when the row has no usable key: it goes without ordering (the server rejects it or hashes it).</summary>
    public ItemIdentity? Key { get; } = key;
    /// <summary>Why the last attempt did not store it; reported if the send stops before it is stored.</summary>
    public string Reason { get; set; } = "not sent";

    public JsonElement ToElement()
    {
        using var document = JsonDocument.Parse(Json);
        return document.RootElement.Clone();
    }
}
