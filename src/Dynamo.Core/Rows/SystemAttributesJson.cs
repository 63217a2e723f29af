using System.Buffers;
using System.Text;
using System.Text.Json;
using Dynamo.Core.Datasets;

namespace Dynamo.Core.Rows;

/// <summary>
/// The system attributes of one request's items in DynamoDB JSON. Only the hash (and the <c>_id</c> made of
/// it) differs from row to row; the rest is written once per request.
/// </summary>
internal sealed class SystemAttributesJson
{
    /// <summary>A SHA-256 in lowercase hex.</summary>
    public const int HashLength = 64;
    private static readonly byte[] HashStart = Encoding.UTF8.GetBytes($"\"{SystemAttributes.Hash}\":{{\"S\":\"");
    private static readonly byte[] IdStart = Encoding.UTF8.GetBytes($",\"{SystemAttributes.Id}\":{{\"S\":\"");
    private static readonly byte[] VersionStart = Encoding.UTF8.GetBytes($",\"{SystemAttributes.Version}\":{{\"N\":\"");
    private readonly byte[] _afterHash;
    private readonly bool _withId;

    public SystemAttributesJson(Dataset dataset, string requestId, string ingestedAt)
    {
        _withId = !dataset.HasNaturalKey;
        _afterHash = Encoding.UTF8.GetBytes(
            $"\"}},\"{SystemAttributes.IngestedAt}\":{{\"S\":\"{Encoded(ingestedAt)}\"}},\"{SystemAttributes.RequestId}\":{{\"S\":\"{Encoded(requestId)}\"}}");
        Bytes = SystemAttributes.Hash.Length + HashLength
            + SystemAttributes.IngestedAt.Length + Encoding.UTF8.GetByteCount(ingestedAt)
            + SystemAttributes.RequestId.Length + Encoding.UTF8.GetByteCount(requestId)
            + (_withId ? SystemAttributes.Id.Length + HashLength : 0);
    }

    /// <summary>What the system attributes add to an item's DynamoDB size, <see cref="SystemAttributes.Version"/> aside.</summary>
    public int Bytes { get; }

    /// <summary>What <see cref="SystemAttributes.Version"/> adds to an item's DynamoDB size.</summary>
    public static int VersionBytes(DecimalNumber version) => SystemAttributes.Version.Length + DynamoDbLimits.NumberBytes(version);

    /// <summary>
    /// Writes the attributes after the row's fields (<paramref name="afterFields"/>: there were some), with
    /// <paramref name="version"/> (canonical number text) for a versioned dataset.
    /// </summary>
    public void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> hash, bool afterFields, string? version = null)
    {
        if (afterFields) output.Write(","u8);
        output.Write(HashStart);
        output.Write(hash);
        output.Write(_afterHash);
        if (version is not null)
        {
            output.Write(VersionStart);
            output.Write(Encoding.ASCII.GetBytes(version));
            output.Write("\"}"u8);
        }
        if (!_withId) return;
        output.Write(IdStart);
        output.Write(hash);
        output.Write("\"}"u8);
    }

    private static string Encoded(string text) => JsonEncodedText.Encode(text).Value;
}
