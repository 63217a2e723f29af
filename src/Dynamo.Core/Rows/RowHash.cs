using System.Buffers.Text;
using System.Security.Cryptography;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.Core.Rows;

/// <summary>
/// The two spellings of a row's hash (SHA-256 of its canonical JSON) in the table, and how to read whichever an
/// item carries: <see cref="SystemAttributes.Hash"/> (the first 16 bytes, base64url), an older item's
/// <see cref="SystemAttributes.LegacyHash"/> (all 32 bytes, hex), or a keyless item's <see cref="SystemAttributes.Id"/>
/// (all 32 bytes, hex).
/// </summary>
public static class RowHash
{
    /// <summary>128 bits: collisions among the versions of one key (what the hash tells apart) are out of reach.</summary>
    public const int ShortFormBytes = 16;
    /// <summary>Base64url of 16 bytes without padding.</summary>
    public const int ShortFormLength = 22;
    /// <summary>A SHA-256 in lowercase hex.</summary>
    public const int HexLength = 64;

    /// <param name="sha256">The full hash, 32 bytes.</param>
    /// <param name="utf8">Receives the <see cref="ShortFormLength"/> characters.</param>
    public static void WriteShortForm(ReadOnlySpan<byte> sha256, Span<byte> utf8) =>
        Base64Url.EncodeToUtf8(sha256[..ShortFormBytes], utf8);

    public static string ShortForm(ReadOnlySpan<byte> sha256) => Base64Url.EncodeToString(sha256[..ShortFormBytes]);

    /// <summary>The short spelling of a hash known by its hex (a versioned row keeps its hash as hex to compare with either spelling).</summary>
    public static string ShortFormOfHex(string hex)
    {
        Span<byte> sha256 = stackalloc byte[SHA256.HashSizeInBytes];
        if (hex.Length != HexLength || Convert.FromHexString(hex, sha256, out _, out _) != System.Buffers.OperationStatus.Done)
            throw new ArgumentException("Not a SHA-256 in hex.", nameof(hex));
        return ShortForm(sha256);
    }

    /// <summary>The hash an item carries as stored, in its own spelling; null when it carries none.</summary>
    public static string? Stored(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.TryGetValue(SystemAttributes.Hash, out var hash) && hash.S is not null) return hash.S;
        if (item.TryGetValue(SystemAttributes.LegacyHash, out var legacy) && legacy.S is not null) return legacy.S;
        // A keyless dataset's key is the hash, so its items carry no other.
        return item.TryGetValue(SystemAttributes.Id, out var id) ? id.S : null;
    }

    /// <summary>Whether a stored hash (either spelling) is the hash <paramref name="hex"/> of a row.</summary>
    public static bool Matches(string? stored, string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return stored?.Length switch
        {
            HexLength => string.Equals(stored, hex, StringComparison.Ordinal),
            ShortFormLength => string.Equals(stored, ShortFormOfHex(hex), StringComparison.Ordinal),
            _ => false,
        };
    }
}
