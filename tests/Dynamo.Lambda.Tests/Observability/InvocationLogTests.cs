using System.Text.Json;
using Dynamo.Lambda.Extensions.Observability;

namespace Dynamo.Lambda.Tests.Observability;

public class InvocationLogTests
{
    private const string TraceHeader = "Root=1-65f3a1b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1";

    private static string Write(InvocationOutcome outcome, LogLevel level = LogLevel.Info, string message = "ingest answered", string? traceId = TraceHeader)
    {
        using var output = new StringWriter();
        new InvocationLog(output, Outcomes.Clock(), () => traceId).Write(outcome, level, message);
        return output.ToString();
    }

    private static JsonElement Line(InvocationOutcome outcome, LogLevel level = LogLevel.Info, string? traceId = TraceHeader)
    {
        using var json = JsonDocument.Parse(Write(outcome, level, traceId: traceId));
        return json.RootElement.Clone();
    }

    [Fact]
    public void An_invocation_writes_exactly_one_line_of_one_json_object()
    {
        var text = Write(Outcomes.Ingest());

        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text[..^1]);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(text).RootElement.ValueKind);
    }

    [Fact]
    public void The_line_has_every_field_and_no_other()
    {
        var line = Line(Outcomes.Ingest());

        Assert.Equal(
            ["timestamp", "level", "message", "requestId", "dataset", "rows", "durationMs", "deadlineStop", "batchRetries", "coldStart", "traceId"],
            line.EnumerateObject().Select(member => member.Name));
        Assert.Equal(
            ["received", "stored", "invalid", "duplicate", "retry", "stale", "conflict"],
            line.GetProperty("rows").EnumerateObject().Select(member => member.Name));
    }

    [Fact]
    public void The_fields_hold_the_invocation_outcome()
    {
        var line = Line(Outcomes.Ingest(deadlineStop: true, coldStart: true), LogLevel.Warn);

        Assert.Equal("2026-03-14T15:09:26.535Z", line.GetProperty("timestamp").GetString());
        Assert.Equal("WARN", line.GetProperty("level").GetString());
        Assert.Equal("ingest answered", line.GetProperty("message").GetString());
        Assert.Equal("8f5c1f7e-0c1d-4d5e-9a61-2f4b1a0c9d3e", line.GetProperty("requestId").GetString());
        Assert.Equal("orders", line.GetProperty("dataset").GetString());
        var rows = line.GetProperty("rows");
        Assert.Equal(5000, rows.GetProperty("received").GetInt32());
        Assert.Equal(4990, rows.GetProperty("stored").GetInt32());
        Assert.Equal(3, rows.GetProperty("invalid").GetInt32());
        Assert.Equal(1, rows.GetProperty("duplicate").GetInt32());
        Assert.Equal(6, rows.GetProperty("retry").GetInt32());
        Assert.Equal(1234.6, line.GetProperty("durationMs").GetDouble());
        Assert.True(line.GetProperty("deadlineStop").GetBoolean());
        Assert.Equal(17, line.GetProperty("batchRetries").GetInt32());
        Assert.True(line.GetProperty("coldStart").GetBoolean());
        Assert.Equal(TraceHeader, line.GetProperty("traceId").GetString());
    }

    [Fact]
    public void Levels_are_written_as_Lambda_writes_them()
    {
        Assert.Equal("INFO", Line(Outcomes.Ingest(), LogLevel.Info).GetProperty("level").GetString());
        Assert.Equal("ERROR", Line(Outcomes.Ingest(), LogLevel.Error).GetProperty("level").GetString());
    }

    [Fact]
    public void A_function_without_rows_or_dataset_and_an_untraced_invocation_log_nulls_not_missing_fields()
    {
        var line = Line(Outcomes.Ingest() with { Dataset = null, Rows = null }, traceId: null);

        Assert.Equal(JsonValueKind.Null, line.GetProperty("dataset").ValueKind);
        Assert.Equal(JsonValueKind.Null, line.GetProperty("rows").ValueKind);
        Assert.Equal(JsonValueKind.Null, line.GetProperty("traceId").ValueKind);
    }

    [Fact]
    public void The_trace_id_comes_from_the_lambda_trace_variable_by_default()
    {
        // Only this test reads the process variable; the others hand the log their trace id.
        var before = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID");
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", TraceHeader);
        try
        {
            using var output = new StringWriter();
            new InvocationLog(output, Outcomes.Clock()).Write(Outcomes.Ingest(), LogLevel.Info, "ingest answered");

            Assert.Equal(TraceHeader, JsonDocument.Parse(output.ToString()).RootElement.GetProperty("traceId").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", before);
        }
    }

    [Fact]
    public void A_message_with_quotes_and_line_breaks_stays_on_one_line_of_valid_json()
    {
        var text = Write(Outcomes.Ingest(), message: "store error: \"Throttled\"\nretrying");

        Assert.DoesNotContain('\n', text[..^1]);
        Assert.Equal("store error: \"Throttled\"\nretrying", JsonDocument.Parse(text).RootElement.GetProperty("message").GetString());
    }
}
