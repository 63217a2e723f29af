namespace Dynamo.Core.Rows;

/// <summary>
/// The attributes Dynamo adds to every item; they start with '_', which row fields may not. Their names and
/// formats are short because DynamoDB bills a write per started KB of the item, names included
/// (docs/performance.md, "Bytes per item"); items stored before that change carry the legacy ones, which
/// everything that reads items still accepts (docs/datasets.md, "System attributes").
/// </summary>
public static class SystemAttributes
{
    /// <summary>
    /// The first 16 bytes of the SHA-256 of the stored fields' canonical JSON, base64url without padding
    /// (<see cref="RowHash.ShortFormLength"/> characters). Items of a dataset without key fields do not carry it:
    /// their <see cref="Id"/> is the full hash.
    /// </summary>
    public const string Hash = "_h";
    /// <summary>When the request was received, a number: Unix epoch milliseconds (UTC).</summary>
    public const string IngestedAt = "_at";
    /// <summary>The API Gateway request id of the request that wrote the item.</summary>
    public const string RequestId = "_rid";
    /// <summary>
    /// A versioned dataset's version as a number (a date-time as Unix seconds with its fraction), which the
    /// write's condition compares: a row is written only when the stored item's is lower (docs/datasets.md).
    /// It keeps its name: the condition expression and analysts' queries name it, and it is only 8 bytes.
    /// </summary>
    public const string Version = "_version";
    /// <summary>The key of a dataset without key fields: the row's full SHA-256 in lowercase hex (as it always was, so a resend of an older row is the same item).</summary>
    public const string Id = "_id";

    /// <summary>What items stored before the short names carry instead of <see cref="Hash"/>: the full SHA-256 in lowercase hex. Read, never written.</summary>
    public const string LegacyHash = "_hash";
    /// <summary>What older items carry instead of <see cref="IngestedAt"/>: an RFC 3339 UTC string. Read, never written.</summary>
    public const string LegacyIngestedAt = "_ingestedAt";
    /// <summary>What older items carry instead of <see cref="RequestId"/>, with the same value. Read, never written.</summary>
    public const string LegacyRequestId = "_requestId";

    public static bool IsSystem(string attributeName) => attributeName.StartsWith('_');
}
