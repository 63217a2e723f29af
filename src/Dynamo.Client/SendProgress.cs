namespace Dynamo.Client;

/// <summary>A snapshot of a running send, reported after every answer of the API.</summary>
/// <param name="RowsRead">Rows taken from the input so far.</param>
/// <param name="RowsStored">Rows the API confirmed stored.</param>
/// <param name="RowsInvalid">Rows refused as invalid.</param>
/// <param name="RowsDuplicate">Rows replaced by a later row of the same key in the same request.</param>
/// <param name="Requests">HTTP requests made, resends included.</param>
/// <param name="Retries">Requests that resent rows already sent once.</param>
/// <param name="Throttles">Answers 429 or 503 (the API or its store asked the client to slow down).</param>
public sealed record SendProgress(
    long RowsRead, long RowsStored, long RowsInvalid, long RowsDuplicate, long Requests, long Retries, long Throttles);
