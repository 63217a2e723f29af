using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dynamo.Client.Keys;

/// <summary>The dataset's key fields (partition key, then the optional sort key) and how a row's key is read from them.</summary>
internal sealed class KeyFields
{
    private readonly IReadOnlyList<string> names;

    public KeyFields(IReadOnlyList<string> names)
    {
        if (names.Count > 2)
        {
            throw new ArgumentException("A dataset has at most two key fields: a partition key and a sort key.", nameof(names));
        }
        this.names = names;
    }

    public static KeyFields None { get; } = new([]);

    /// <summary>
    /// Null when the dataset has no key fields (its key is a hash of the whole row, so a resend writes the same
    /// item with the same content) or when the row lacks a usable key value (the server will refuse it).
    /// </summary>
    public ItemIdentity? KeyOf(JsonElement row)
    {
        if (names.Count == 0)
        {
            return null;
        }
        var key = new StringBuilder();
        foreach (var name in names)
        {
            if (!row.TryGetProperty(name, out var value) || Part(value) is not { } part)
            {
                return null;
            }
            key.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        }
        return new ItemIdentity(key.ToString());
    }

    /// <summary>
    /// One key value as the server compares it. Date-time strings are compared as instants (the server stores
    /// date-time key fields normalised to UTC) and numbers as numbers (DynamoDB's N type); a non-date string
    /// that happens to parse as a date only makes two keys look equal, which is safe.
    /// </summary>
    private static string? Part(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when DateTimeOffset.TryParse(
            value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            => "t" + instant.UtcTicks.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.String => "s" + value.GetString(),
        JsonValueKind.Number when value.TryGetDouble(out var number)
            => "n" + number.ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };
}
