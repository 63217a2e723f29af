namespace Dynamo.Core.Writing;

/// <summary>Every row's result, in the order the rows were given, and what it took to get there.</summary>
public sealed record BatchWriteResult(IReadOnlyList<RowWriteResult> Rows, WriteStatistics Statistics);

/// <summary>For the invocation's log line and metrics.</summary>
/// <param name="BatchCalls">BatchWriteItem calls made, retries included.</param>
/// <param name="BatchRetries">Calls that resent rows of an earlier call (unprocessed, throttled or failed).</param>
/// <param name="ThrottledCalls">Calls answered with throttling: an exception, or some UnprocessedItems.</param>
/// <param name="FailedCalls">Calls that failed otherwise (5xx, network, refused).</param>
/// <param name="StoppedForDeadline">Work was left undone or cut because the budget ran out.</param>
public sealed record WriteStatistics(int BatchCalls, int BatchRetries, int ThrottledCalls, int FailedCalls, bool StoppedForDeadline);
