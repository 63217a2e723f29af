using Dynamo.Core.Rows;

namespace Dynamo.Core.Writing;

/// <summary>
/// What a versioned dataset's write compares: the row's version as the number stored in
/// <see cref="SystemAttributes.Version"/> (canonical text), and its hash, which tells a resend of the same version
/// from other content at that version: the full SHA-256 in lowercase hex, from which <see cref="RowHash"/> derives
/// the short <see cref="SystemAttributes.Hash"/> too, so it compares with an item stored before or after the short names.
/// </summary>
public sealed record ItemVersion(string Number, string Hash)
{
    /// <summary>Negative when this version is older than <paramref name="other"/>, 0 when the same.</summary>
    public int CompareTo(ItemVersion other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return DecimalNumber.Parse(Number).CompareTo(DecimalNumber.Parse(other.Number));
    }
}
