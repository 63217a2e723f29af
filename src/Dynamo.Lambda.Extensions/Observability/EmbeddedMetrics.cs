using System.Text.Json;

namespace Dynamo.Lambda.Extensions.Observability;

/// <summary>
/// An ingest's metrics as one CloudWatch Embedded Metric Format (EMF) document on one line: CloudWatch Logs
/// extracts them from the function's log, with no PutMetricData call in the request path. Namespace
/// <see cref="Namespace"/>, dimensions dataset and stage, Count units.
/// </summary>
/// <remarks>
/// The EMF specification: the root holds <c>_aws</c> { <c>Timestamp</c> (milliseconds since the epoch),
/// <c>CloudWatchMetrics</c>: [ { <c>Namespace</c>, <c>Dimensions</c>: [[names]], <c>Metrics</c>: [ { <c>Name</c>,
/// <c>Unit</c> } ] } ] } and, as top-level members, a string value for every dimension named and a number for
/// every metric defined. A document is one log event (at most 1 MB), with at most 100 metrics per directive and
/// 30 dimensions per set; this one has 9 and 2.
/// </remarks>
/// <param name="output">Where the lines go: the function's stdout, which Lambda sends to CloudWatch Logs.</param>
/// <param name="clock">The metrics' timestamp.</param>
/// <param name="stage">The stage dimension: the API stage and Lambda alias (DYNAMO_STAGE).</param>
public sealed class EmbeddedMetrics(TextWriter output, TimeProvider clock, string stage)
{
    public const string Namespace = "Dynamo";
    public const string DatasetDimension = "dataset";
    public const string StageDimension = "stage";
    private const string CountUnit = "Count";

    /// <summary>Every metric, its name and how an outcome gives its value: the one list the document is built from.</summary>
    public static IReadOnlyList<(string Name, Func<InvocationOutcome, long> Value)> Definitions { get; } =
    [
        ("RowsReceived", outcome => Rows(outcome).Received),
        ("RowsStored", outcome => Rows(outcome).Stored),
        ("RowsInvalid", outcome => Rows(outcome).Invalid),
        ("RowsRetry", outcome => Rows(outcome).Retry),
        // Versioned datasets (docs/datasets.md): rows older than the stored item, and rows at its version with other content.
        ("RowsStale", outcome => Rows(outcome).Stale),
        ("RowsConflict", outcome => Rows(outcome).Conflict),
        ("BatchRetries", outcome => outcome.BatchRetries),
        ("DeadlineStops", outcome => outcome.DeadlineStop ? 1 : 0),
        ("ColdStart", outcome => outcome.ColdStart ? 1 : 0),
    ];

    /// <summary>Writes the metrics of an ingest: the outcome must name its dataset and carry its row counts.</summary>
    public void Publish(InvocationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var dataset = outcome.Dataset ?? throw new ArgumentException("An ingest's metrics need its dataset.", nameof(outcome));
        _ = Rows(outcome);

        JsonLine.Write(output, json =>
        {
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", clock.GetUtcNow().ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue(DatasetDimension);
            json.WriteStringValue(StageDimension);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, _) in Definitions)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", CountUnit);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteString(DatasetDimension, dataset);
            json.WriteString(StageDimension, stage);
            foreach (var (name, value) in Definitions)
                json.WriteNumber(name, value(outcome));
            // Not a dimension (too many values) but searchable in the log: ties the metrics to the log line.
            json.WriteString("requestId", outcome.RequestId);
        });
    }

    private static Contracts.IngestSummary Rows(InvocationOutcome outcome) =>
        outcome.Rows ?? throw new ArgumentException("An ingest's metrics need its row counts.", nameof(outcome));
}
