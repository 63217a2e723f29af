using Dynamo.Contracts;

namespace Dynamo.Lambda.Extensions.Observability;

/// <summary>
/// What one invocation did, as its log line and its metrics report it. Counts and flags only: it has no place
/// for row contents, so neither the log nor the metrics can leak them.
/// </summary>
/// <param name="RequestId">The Lambda request id (the runtime API's Lambda-Runtime-Aws-Request-Id).</param>
/// <param name="Dataset">The dataset an ingest wrote to; null for the functions that serve no dataset.</param>
/// <param name="Rows">The ingest's counts per row status; null for the functions that take no rows.</param>
/// <param name="Duration">From the invocation's start to its answer.</param>
/// <param name="DeadlineStop">True when the time budget ran out and rows came back <c>retry</c> for it.</param>
/// <param name="BatchRetries">BatchWriteItem calls resent (UnprocessedItems or throttling).</param>
/// <param name="ColdStart">True for the first invocation of an execution environment (see <see cref="Observability.ColdStart"/>).</param>
public sealed record InvocationOutcome(
    string RequestId,
    string? Dataset,
    IngestSummary? Rows,
    TimeSpan Duration,
    bool DeadlineStop,
    int BatchRetries,
    bool ColdStart);
