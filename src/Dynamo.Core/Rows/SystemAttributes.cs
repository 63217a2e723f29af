namespace Dynamo.Core.Rows;

/// <summary>The attributes Dynamo adds to every item; they start with '_', which row fields may not.</summary>
public static class SystemAttributes
{
    /// <summary>Lowercase hex SHA-256 of the stored fields' canonical JSON.</summary>
    public const string Hash = "_hash";
    /// <summary>When the request was received, RFC 3339 UTC.</summary>
    public const string IngestedAt = "_ingestedAt";
    public const string RequestId = "_requestId";
    /// <summary>
    /// A versioned dataset's version as a number (a date-time as Unix seconds with its fraction), which the
    /// write's condition compares: a row is written only when the stored item's is lower (docs/datasets.md).
    /// </summary>
    public const string Version = "_version";
    /// <summary>The key of a dataset without key fields: the row's canonical hash.</summary>
    public const string Id = "_id";

    public static bool IsSystem(string attributeName) => attributeName.StartsWith('_');
}
