using Dynamo.Contracts;

namespace Dynamo.Client.Sending;

/// <summary>What one request came to, in the terms of the client-action table (docs/http-api.md).</summary>
internal abstract record Answer(string Reason);

/// <summary>200, 207, or a 429/503 that the rows decided: a status for every row (and Retry-After, if any).</summary>
internal sealed record RowsAnswer(int Status, IngestResponse Response, TimeSpan? RetryAfter) : Answer($"HTTP {Status}");

/// <summary>
/// No row statuses: resend the whole request. <paramref name="RetryAfter"/> is the server's wait (429, 503) or
/// null for exponential backoff (500, 502, 504, timeouts, dropped connections). <paramref name="Status"/> is the
/// HTTP status, null when no answer came (a timeout, a dropped connection).
/// </summary>
internal sealed record ResendAll(string Why, TimeSpan? RetryAfter, bool Throttled, int? Status = null) : Answer(Why);

/// <summary>413: the request was too large; split it and resend.</summary>
internal sealed record TooLarge(string Message) : Answer("HTTP 413");

/// <summary>400, 401, 403, 404, 415 or an answer outside the protocol: resending cannot help.</summary>
internal sealed record Refused(DynamoApiException Error) : Answer(Error.Message);
