using Dynamo.Core.Ingesting;
using Dynamo.Lambda.Extensions.Observability;

namespace Dynamo.Functions;

/// <summary>
/// The ingest function's structured log line and EMF metrics for one invocation (docs/monitoring.md):
/// counts and flags only, never row contents.
/// </summary>
internal sealed class InvocationReport(InvocationLog log, EmbeddedMetrics metrics, ColdStart coldStart)
{
    public const string StageVariable = "DYNAMO_STAGE";

    public static InvocationReport ToStandardOutput(TimeProvider clock) => new(
        new InvocationLog(Console.Out, clock),
        new EmbeddedMetrics(Console.Out, clock, Environment.GetEnvironmentVariable(StageVariable) ?? "local"),
        ColdStart.OfProcess);

    public void Invocation(string requestId, IngestOutcome outcome, string dataset, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var summary = outcome.Reply?.Body.Summary;
        var statistics = outcome.Statistics;
        var invocation = new InvocationOutcome(
            requestId,
            dataset,
            summary,
            duration,
            DeadlineStop: statistics?.StoppedForDeadline ?? false,
            BatchRetries: statistics?.BatchRetries ?? 0,
            ColdStart: coldStart.Take());
        if (outcome.Refusal is { } refusal)
        {
            log.Write(invocation, LogLevel.Warn, $"refused {refusal.StatusCode}: {refusal.Body.Type}");
            return;
        }
        log.Write(invocation, summary!.Retry > 0 ? LogLevel.Warn : LogLevel.Info, $"ingest {outcome.Reply!.StatusCode}");
        metrics.Publish(invocation);
    }
}
