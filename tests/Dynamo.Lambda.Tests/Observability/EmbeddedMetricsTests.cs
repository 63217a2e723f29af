using System.Text.Json;
using Dynamo.Lambda.Extensions.Observability;

namespace Dynamo.Lambda.Tests.Observability;

// The EMF specification (CloudWatch, "Specification: Embedded metric format"): a root object whose _aws member
// holds Timestamp (ms since the epoch) and CloudWatchMetrics, an array of directives { Namespace, Dimensions
// (arrays of member names), Metrics ([{ Name, Unit }]) }; every dimension and metric named there is a top-level
// member, a dimension's a string, a metric's a number.
public class EmbeddedMetricsTests
{
    private static readonly string[] MetricNames =
        ["RowsReceived", "RowsStored", "RowsInvalid", "RowsRetry", "RowsStale", "RowsConflict", "BatchRetries", "DeadlineStops", "ColdStart"];

    private static string Publish(InvocationOutcome outcome, string stage = "prod")
    {
        using var output = new StringWriter();
        new EmbeddedMetrics(output, Outcomes.Clock(), stage).Publish(outcome);
        return output.ToString();
    }

    private static JsonElement Document(InvocationOutcome outcome, string stage = "prod")
    {
        using var json = JsonDocument.Parse(Publish(outcome, stage));
        return json.RootElement.Clone();
    }

    [Fact]
    public void An_ingest_publishes_exactly_one_line_of_one_json_object()
    {
        var text = Publish(Outcomes.Ingest());

        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text[..^1]);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(text).RootElement.ValueKind);
    }

    [Fact]
    public void The_metadata_holds_the_timestamp_in_epoch_milliseconds_and_one_directive()
    {
        var aws = Document(Outcomes.Ingest()).GetProperty("_aws");

        Assert.Equal(JsonValueKind.Number, aws.GetProperty("Timestamp").ValueKind);
        Assert.Equal(Outcomes.Now.ToUnixTimeMilliseconds(), aws.GetProperty("Timestamp").GetInt64());
        Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
    }

    [Fact]
    public void The_directive_names_the_Dynamo_namespace_and_the_dataset_and_stage_dimension_set()
    {
        var directive = Document(Outcomes.Ingest()).GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];

        Assert.Equal("Dynamo", directive.GetProperty("Namespace").GetString());
        var sets = directive.GetProperty("Dimensions").EnumerateArray().ToList();
        var set = Assert.Single(sets);
        Assert.Equal(["dataset", "stage"], set.EnumerateArray().Select(name => name.GetString()));
    }

    [Fact]
    public void Every_metric_of_the_ingest_is_defined_with_the_Count_unit()
    {
        var directive = Document(Outcomes.Ingest()).GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        var definitions = directive.GetProperty("Metrics").EnumerateArray().ToList();

        Assert.Equal(MetricNames, definitions.Select(definition => definition.GetProperty("Name").GetString()));
        Assert.All(definitions, definition => Assert.Equal("Count", definition.GetProperty("Unit").GetString()));
        Assert.All(definitions, definition =>
            Assert.Empty(definition.EnumerateObject().Select(member => member.Name).Except(["Name", "Unit", "StorageResolution"])));
    }

    [Fact]
    public void Every_dimension_named_has_its_string_value_at_the_top_level()
    {
        var root = Document(Outcomes.Ingest(), stage: "staging");

        Assert.Equal("orders", root.GetProperty("dataset").GetString());
        Assert.Equal("staging", root.GetProperty("stage").GetString());
    }

    [Fact]
    public void Every_defined_metric_has_its_value_and_every_number_at_the_top_level_is_a_defined_metric()
    {
        var root = Document(Outcomes.Ingest());
        var defined = root.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics")
            .EnumerateArray().Select(definition => definition.GetProperty("Name").GetString()!).ToHashSet();
        var numbers = root.EnumerateObject().Where(member => member.Value.ValueKind == JsonValueKind.Number)
            .Select(member => member.Name).ToHashSet();

        Assert.Equal(defined, numbers);
    }

    [Fact]
    public void The_metric_values_are_the_ingest_counts_and_flags()
    {
        var root = Document(Outcomes.Ingest(deadlineStop: true, coldStart: false));

        Assert.Equal(5000, root.GetProperty("RowsReceived").GetInt64());
        Assert.Equal(4990, root.GetProperty("RowsStored").GetInt64());
        Assert.Equal(3, root.GetProperty("RowsInvalid").GetInt64());
        Assert.Equal(6, root.GetProperty("RowsRetry").GetInt64());
        Assert.Equal(17, root.GetProperty("BatchRetries").GetInt64());
        Assert.Equal(1, root.GetProperty("DeadlineStops").GetInt64());
        Assert.Equal(0, root.GetProperty("ColdStart").GetInt64());
    }

    [Fact]
    public void A_cold_start_counts_one_and_an_invocation_that_met_its_deadline_counts_no_stop()
    {
        var root = Document(Outcomes.Ingest(deadlineStop: false, coldStart: true));

        Assert.Equal(0, root.GetProperty("DeadlineStops").GetInt64());
        Assert.Equal(1, root.GetProperty("ColdStart").GetInt64());
    }

    [Fact]
    public void An_invocation_without_a_dataset_or_row_counts_is_refused_rather_than_published_half()
    {
        var metrics = new EmbeddedMetrics(TextWriter.Null, Outcomes.Clock(), "dev");

        Assert.Throws<ArgumentException>(() => metrics.Publish(Outcomes.Ingest() with { Dataset = null }));
        Assert.Throws<ArgumentException>(() => metrics.Publish(Outcomes.Ingest() with { Rows = null }));
    }
}
