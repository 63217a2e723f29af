using Dynamo.Core.Rows;

namespace Dynamo.Core.Writing;

/// <summary>
/// What a versioned dataset's write compares: the row's version as the number stored in
/// <see cref="SystemAttributes.Version"/> (canonical text), and its <see cref="SystemAttributes.Hash"/>, which
/// tells a resend of the same version from other content at that version.
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
