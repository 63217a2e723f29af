namespace Dynamo.Client;

/// <summary>
/// A snapshot of a running send, reported after every answer of the API and once at the end. Reports are made one
/// at a time, in order: a synchronous <see cref="IProgress{T}"/> sees <see cref="SettledThrough"/> never go back
/// and every invalid row in exactly one <see cref="NewInvalidRows"/>, every conflict row in exactly one
/// <see cref="NewConflictRows"/>.
/// </summary>
/// <param name="RowsRead">Rows taken from the input so far.</param>
/// <param name="RowsStored">Rows the API confirmed stored.</param>
/// <param name="RowsInvalid">Rows refused as invalid.</param>
/// <param name="RowsDuplicate">Rows replaced by a later row of the same key in the same request.</param>
/// <param name="Requests">HTTP requests made, resends included.</param>
/// <param name="Retries">Requests that resent rows already sent once.</param>
/// <param name="Throttles">Answers 429 or 503 (the API or its store asked the client to slow down).</param>
public sealed record SendProgress(
    long RowsRead, long RowsStored, long RowsInvalid, long RowsDuplicate, long Requests, long Retries, long Throttles)
{
    /// <summary>
    /// Every row at a position below this one reached a final status (stored, invalid, duplicate, stale or conflict): a checkpoint
    /// may skip them on the next run. Rows at or after it may be unconfirmed, however many later rows are stored.
    /// </summary>
    public long SettledThrough { get; init; }

    /// <summary>Answers 504: the gateway stopped waiting for the function (its integration timeout).</summary>
    public long GatewayTimeouts { get; init; }

    /// <summary>Answers 408, 500, 502 or any other 5xx but 503 (503 is a throttle).</summary>
    public long ServerErrors { get; init; }

    /// <summary>Requests that got no answer: no response within the request timeout, or a failed connection.</summary>
    public long Unanswered { get; init; }

    /// <summary>Rows not written because the table holds a higher version of their key (versioned datasets): settled.</summary>
    public long RowsStale { get; init; }

    /// <summary>Rows not written because the table holds their version with other content (versioned datasets): settled, the sender must decide.</summary>
    public long RowsConflict { get; init; }

    /// <summary>Rows with a final status: stored, invalid, duplicate, stale or conflict.</summary>
    public long RowsSettled => RowsStored + RowsInvalid + RowsDuplicate + RowsStale + RowsConflict;

    /// <summary>The invalid rows found since the previous report, in the order they were found.</summary>
    public IReadOnlyList<InvalidRow> NewInvalidRows { get; init; } = [];

    /// <summary>The conflict rows found since the previous report, in the order they were found.</summary>
    public IReadOnlyList<ConflictRow> NewConflictRows { get; init; } = [];
}
