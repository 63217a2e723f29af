using Dynamo.Contracts;
using Dynamo.Lambda.Extensions.Observability;
using Microsoft.Extensions.Time.Testing;

namespace Dynamo.Lambda.Tests.Observability;

/// <summary>The invocations the observability tests report: distinct counts, so a value in the wrong field shows.</summary>
internal static class Outcomes
{
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Now);

    public static InvocationOutcome Ingest(bool deadlineStop = true, bool coldStart = true) => new(
        RequestId: "8f5c1f7e-0c1d-4d5e-9a61-2f4b1a0c9d3e",
        Dataset: "orders",
        Rows: new IngestSummary(Received: 5000, Stored: 4990, Invalid: 3, Duplicate: 1, Retry: 6),
        Duration: TimeSpan.FromMilliseconds(1234.56),
        DeadlineStop: deadlineStop,
        BatchRetries: 17,
        ColdStart: coldStart);
}
