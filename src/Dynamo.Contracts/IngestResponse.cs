using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dynamo.Contracts;

/// <summary>The answer to an ingest request: a status for every row (docs/http-api.md, "The answer").</summary>
public sealed record IngestResponse
{
    public required string RequestId { get; init; }
    public required string Dataset { get; init; }
    /// <summary>True when no row is <see cref="RowStatus.Retry"/>: every row is settled (stored, invalid, duplicate, stale or conflict).</summary>
    public required bool Complete { get; init; }
    public required IngestSummary Summary { get; init; }
    /// <summary>How long to wait before resending the retry rows; absent when there are none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RetryAfterMs { get; init; }
    /// <summary>
    /// True when the reply left something out to stay within Lambda's 6 MB response limit: some rows' errors
    /// (each row keeps its first ones and its status), some keys, or the end of a long error message.
    /// </summary>
    public bool Truncated { get; init; }
    /// <summary>Every row that is not stored (every row with <c>?rows=all</c>).</summary>
    public required IReadOnlyList<RowResult> Rows { get; init; }
}

/// <summary>How many rows of the request ended in each <see cref="RowStatus"/>.</summary>
/// <param name="Stale">Always 0 for a dataset without a version field, as is <paramref name="Conflict"/>.</param>
public sealed record IngestSummary(int Received, int Stored, int Invalid, int Duplicate, int Retry, int Stale = 0, int Conflict = 0);

public sealed record RowResult
{
    public required int Index { get; init; }
    /// <summary>The row's key fields as sent; absent when the row had no usable key.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, JsonElement>? Key { get; init; }
    public required RowStatus Status { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Errors { get; init; }
    /// <summary>One of <see cref="RetryReasons"/> for retry rows.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }
    /// <summary>
    /// For a <see cref="RowStatus.Conflict"/> row: the hash of the item the table holds at that version, as that item
    /// carries it: its <c>_h</c> (22 characters), or the <c>_hash</c> (64 hex) of an item stored before the short names.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StoredHash { get; init; }
}
