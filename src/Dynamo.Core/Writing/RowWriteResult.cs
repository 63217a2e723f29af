using System.Text.Json;
using Dynamo.Contracts;

namespace Dynamo.Core.Writing;

/// <summary>
/// What the writer knows about one row: <see cref="RowStatus.Stored"/> only when DynamoDB confirmed it;
/// <see cref="RowStatus.Retry"/> with one of <see cref="RetryReasons"/>; or <see cref="RowStatus.Invalid"/>
/// when DynamoDB refused the row on its own (a ValidationException for a batch of just this row), with
/// DynamoDB's message as <see cref="Error"/>: resending it unchanged could never succeed. For a versioned dataset
/// also <see cref="RowStatus.Stale"/> and <see cref="RowStatus.Conflict"/>, the latter with the stored item's hash
/// as <see cref="StoredHash"/>.
/// </summary>
public readonly record struct RowWriteResult(int Index, RowStatus Status, string? Reason = null, string? Error = null, string? StoredHash = null)
{
    /// <summary>The row as the response lists it.</summary>
    public RowResult ToRowResult(IReadOnlyDictionary<string, JsonElement>? key) => new()
    {
        Index = Index,
        Key = key,
        Status = Status,
        Reason = Reason,
        Errors = Error is null ? null : [Error],
        StoredHash = StoredHash,
    };
}
