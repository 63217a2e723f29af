using System.Text.Json;
using Dynamo.Core.Writing.Wire;
using Dynamo.Contracts;

namespace Dynamo.Core.Rows;

/// <summary>
/// One row of a request after preparation: either an item to write (<see cref="Status"/> null: only
/// DynamoDB can make it stored), or <see cref="RowStatus.Invalid"/> with errors, or <see cref="RowStatus.Duplicate"/>.
/// </summary>
public sealed record PreparedRow
{
    private IReadOnlyDictionary<string, JsonElement>? _key;

    public required int Index { get; init; }

    /// <summary>
    /// The key fields as sent (<c>_id</c> for datasets without key fields); null when unusable. Built on first
    /// use: most rows end stored, and the default answer never shows their key.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement>? Key => _key ??= KeyOfRow?.Fields();

    internal RowKey? KeyOfRow { get; init; }
    /// <summary>Null while the row still has to be written.</summary>
    public RowStatus? Status { get; init; }
    /// <summary>The item to write; null for invalid and duplicate rows.</summary>
    public WireItem? Item { get; init; }
    public IReadOnlyList<string>? Errors { get; init; }
}
