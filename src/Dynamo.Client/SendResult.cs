using System.Text.Json;

namespace Dynamo.Client;

/// <summary>Why a send ended.</summary>
public enum SendStop
{
    /// <summary>Every row of the input reached a final status.</summary>
    Completed,
    /// <summary>The time budget ran out; rows still unconfirmed are in <see cref="SendResult.UnstoredRows"/>.</summary>
    BudgetExhausted,
    /// <summary>The caller's cancellation token fired; rows still unconfirmed are in <see cref="SendResult.UnstoredRows"/>.</summary>
    Cancelled,
}

/// <summary>A row the API (or the client, for a row that can never be sent) refused: fix it and send it again.</summary>
/// <param name="Position">Zero-based position of the row in the input.</param>
/// <param name="Row">The row as sent.</param>
/// <param name="Errors">Why it was refused.</param>
public sealed record InvalidRow(long Position, JsonElement Row, IReadOnlyList<string> Errors);

/// <summary>
/// A row of a versioned dataset the API did not write because the table holds the same version of its key with other
/// content: two senders disagree about one version. Not resent; decide, then send it again with a higher version or drop it.
/// </summary>
/// <param name="Position">Zero-based position of the row in the input.</param>
/// <param name="Row">The row as sent.</param>
/// <param name="StoredHash">
/// The hash of the item the table holds at that version, as the item carries it (<c>_h</c>, or an older item's
/// <c>_hash</c>); null if the API did not say.
/// </param>
public sealed record ConflictRow(long Position, JsonElement Row, string? StoredHash)
{
    /// <summary>Why the row was not written, in one line that names the stored item's hash (for a rejects file or a log).</summary>
    public string Reason => StoredHash is null
        ? "conflict: the table holds this version with other content"
        : $"conflict: the table holds this version with other content, stored hash {StoredHash}";
}

/// <summary>A row read from the input but not confirmed stored when the send stopped; resending it is safe.</summary>
/// <param name="Position">Zero-based position of the row in the input.</param>
/// <param name="Row">The row as sent.</param>
/// <param name="Reason">The last reason it was not stored (a retry reason, an HTTP status, a timeout, ...).</param>
public sealed record UnstoredRow(long Position, JsonElement Row, string Reason);

/// <summary>What happened to every row of one send.</summary>
public sealed record SendResult
{
    /// <summary>Why the send ended.</summary>
    public required SendStop Stop { get; init; }

    /// <summary>Rows taken from the input. When the send stopped early, rows at this position and after were never read.</summary>
    public required long RowsRead { get; init; }

    /// <summary>Rows the API confirmed stored.</summary>
    public required long Stored { get; init; }

    /// <summary>Rows refused: by the API as invalid, or by the client as impossible to send (not an object, over 5 MB).</summary>
    public required long Invalid { get; init; }

    /// <summary>Rows a later row of the same request replaced (same key): dropped, as docs/http-api.md says.</summary>
    public required long Duplicate { get; init; }

    /// <summary>
    /// Rows not written because the table holds a higher version of their key (versioned datasets): settled, never
    /// resent; a newer update won, as it should.
    /// </summary>
    public long Stale { get; init; }

    /// <summary>
    /// Rows not written because the table holds the same version of their key with other content (versioned datasets):
    /// settled, never resent; each is in <see cref="ConflictRows"/>.
    /// </summary>
    public long Conflict { get; init; }

    /// <summary>Rows read but not confirmed stored (only when the send stopped early).</summary>
    public long Unstored => UnstoredRows.Count;

    /// <summary>Every invalid row with its errors, ordered by position.</summary>
    public required IReadOnlyList<InvalidRow> InvalidRows { get; init; }

    /// <summary>Every conflict row with the stored item's hash, ordered by position.</summary>
    public IReadOnlyList<ConflictRow> ConflictRows { get; init; } = [];

    /// <summary>Ordered by position.</summary>
    public required IReadOnlyList<UnstoredRow> UnstoredRows { get; init; }

    /// <summary>HTTP requests made, resends included.</summary>
    public required long Requests { get; init; }

    /// <summary>Of those, the requests that resent rows already sent once (after a retry row, a 429, a 5xx, a timeout, a dropped connection).</summary>
    public long Retries { get; init; }

    /// <summary>
    /// True when the whole input was read and every valid row is settled: stored, or for a versioned dataset stale
    /// or conflict (see <see cref="Conflict"/>: those need a decision).
    /// </summary>
    public bool AllValidRowsStored => Stop == SendStop.Completed && Unstored == 0;
}
