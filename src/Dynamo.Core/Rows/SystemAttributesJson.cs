using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dynamo.Core.Datasets;

namespace Dynamo.Core.Rows;

/// <summary>
/// The system attributes of one request's items in DynamoDB JSON. Only the hash (<c>_h</c>, or the <c>_id</c> of a
/// dataset without key fields) and the version differ from row to row; the rest is written once per request.
/// </summary>
internal sealed class SystemAttributesJson
{
    private static readonly byte[] HashStart = Encoding.UTF8.GetBytes($",\"{SystemAttributes.Hash}\":{{\"S\":\"");
    private static readonly byte[] IdStart = Encoding.UTF8.GetBytes($",\"{SystemAttributes.Id}\":{{\"S\":\"");
    private static readonly byte[] VersionStart = Encoding.UTF8.GetBytes($",\"{SystemAttributes.Version}\":{{\"N\":\"");
    private readonly byte[] _perRequest;
    private readonly bool _withId;

    public SystemAttributesJson(Dataset dataset, string requestId, DateTimeOffset ingestedAt)
    {
        _withId = !dataset.HasNaturalKey;
        var milliseconds = IngestedAtText(ingestedAt);
        _perRequest = Encoding.UTF8.GetBytes(
            $"\"{SystemAttributes.IngestedAt}\":{{\"N\":\"{milliseconds}\"}},\"{SystemAttributes.RequestId}\":{{\"S\":\"{Encoded(requestId)}\"}}");
        Bytes = SystemAttributes.IngestedAt.Length + DynamoDbLimits.NumberBytes(DecimalNumber.Parse(milliseconds))
            + SystemAttributes.RequestId.Length + Encoding.UTF8.GetByteCount(requestId)
            // A keyless item's _id is the hash; a second copy would be bytes billed for nothing.
            + (_withId ? SystemAttributes.Id.Length + RowHash.HexLength : SystemAttributes.Hash.Length + RowHash.ShortFormLength);
    }

    /// <summary>The stored <see cref="SystemAttributes.IngestedAt"/>: Unix epoch milliseconds of the instant, UTC.</summary>
    public static string IngestedAtText(DateTimeOffset ingestedAt) =>
        ingestedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>What the system attributes add to an item's DynamoDB size, <see cref="SystemAttributes.Version"/> aside.</summary>
    public int Bytes { get; }

    /// <summary>What <see cref="SystemAttributes.Version"/> adds to an item's DynamoDB size.</summary>
    public static int VersionBytes(DecimalNumber version) => SystemAttributes.Version.Length + DynamoDbLimits.NumberBytes(version);

    /// <summary>
    /// Writes the attributes after the row's fields (<paramref name="afterFields"/>: there were some), with
    /// <paramref name="version"/> (canonical number text) for a versioned dataset.
    /// </summary>
    /// <param name="sha256">The row's full hash, 32 bytes.</param>
    public void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> sha256, bool afterFields, string? version = null)
    {
        if (afterFields) output.Write(","u8);
        output.Write(_perRequest);
        if (_withId)
        {
            output.Write(IdStart);
            Span<byte> hex = stackalloc byte[RowHash.HexLength];
            Convert.TryToHexStringLower(sha256[..SHA256.HashSizeInBytes], hex, out _);
            output.Write(hex);
        }
        else
        {
            output.Write(HashStart);
            Span<byte> shortHash = stackalloc byte[RowHash.ShortFormLength];
            RowHash.WriteShortForm(sha256, shortHash);
            output.Write(shortHash);
        }
        output.Write("\"}"u8);
        if (version is null) return;
        output.Write(VersionStart);
        output.Write(Encoding.ASCII.GetBytes(version));
        output.Write("\"}"u8);
    }

    private static string Encoded(string text) => JsonEncodedText.Encode(text).Value;
}
