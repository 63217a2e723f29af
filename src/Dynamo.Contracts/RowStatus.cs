using System.Text.Json.Serialization;

namespace Dynamo.Contracts;

/// <summary>What happened to one row of a request (docs/http-api.md, "Row statuses").</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RowStatus>))]
public enum RowStatus
{
    /// <summary>Confirmed written by DynamoDB.</summary>
    [JsonStringEnumMemberName("stored")] Stored,
    /// <summary>Not written; the client must fix it.</summary>
    [JsonStringEnumMemberName("invalid")] Invalid,
    /// <summary>A later valid row of the same request had the same key.</summary>
    [JsonStringEnumMemberName("duplicate")] Duplicate,
    /// <summary>Not confirmed; resend it as is.</summary>
    [JsonStringEnumMemberName("retry")] Retry,
    /// <summary>
    /// Not written: the table holds a higher version of the key (datasets with a version field). The row is
    /// settled; the client drops it.
    /// </summary>
    [JsonStringEnumMemberName("stale")] Stale,
    /// <summary>
    /// Not written: the table holds the same version of the key with other content (<see cref="RowResult.StoredHash"/>).
    /// The client must decide: send it again with a higher version, or drop it.
    /// </summary>
    [JsonStringEnumMemberName("conflict")] Conflict,
}
