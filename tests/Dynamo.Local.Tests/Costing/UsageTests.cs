using System.Text;
using System.Text.Json;
using Dynamo.Local.Capacity;
using Dynamo.Local.Gateway;
using Dynamo.Local.Monitoring;
using Dynamo.Local.Template;
using Microsoft.Extensions.Time.Testing;

namespace Dynamo.Local.Tests.Costing;

/// <summary>
/// Where the bill's quantities come from: the access log's billed requests, the functions' REPORT lines and log bytes,
/// the RowsStored metric, and the capacity meter's units and item sizes (a row's own fields without the '_' attributes).
/// </summary>
public class UsageTests
{
    private static readonly StackTemplate Template = new(
        "dev", [], [new FunctionDefinition("IngestFunction", "h", 1024, TimeSpan.FromSeconds(10), new Dictionary<string, string>(), 2)], null,
        new StageThrottling(10, 10), [new TableDefinition("OrdersTable", "orders", new TableKey("orderId", "S"), null, 100)],
        TemplateParameters.Resolve(new Dictionary<string, object?>(), new Dictionary<string, string>()));

    private static ObservedRequest Answer(int status, string? errorType = null) =>
        new(new AccessLogEntry("r-" + status, "127.0.0.1", "POST", "/dev/datasets/orders/rows", status, 4) { ErrorType = errorType }, "dev", "IngestFunction");

    [Fact]
    public void Requests_refused_for_throttling_or_authorization_are_not_billed_and_every_REPORT_line_is_an_invocation()
    {
        var monitor = new StackMonitor(Template);
        ObservedRequest[] answers = [Answer(200), Answer(429, "THROTTLED"), Answer(403, "ACCESS_DENIED"), Answer(502, "DEFAULT_5XX")];
        string[] lines =
        [
            "REPORT RequestId: a\tDuration: 19.20 ms\tBilled Duration: 20 ms\tMemory Size: 1024 MB\tMax Memory Used: 80 MB",
            "REPORT RequestId: b\tDuration: 2.50 ms\tBilled Duration: 104 ms\tMemory Size: 1024 MB\tMax Memory Used: 95 MB\tInit Duration: 101.00 ms",
            """{"_aws":{"CloudWatchMetrics":[{"Namespace":"Dynamo","Dimensions":[["dataset","stage"]],"Metrics":[{"Name":"RowsStored","Unit":"Count"}]}]},"dataset":"orders","stage":"dev","RowsStored":77}""",
            "héllo",
        ];
        foreach (var answer in answers) monitor.Answered(answer);
        foreach (var line in lines) monitor.FunctionLine("[IngestFunction] " + line);
        monitor.CapacityReported(new CapacitySecond("orders", 80, 100, 0, 0) { ItemsPut = 77 });
        monitor.CapacityReported(new CapacitySecond("dynamo-warm-up-1", 1000, null, 0, 0) { ItemsPut = 1000 });

        var usage = monitor.Usage();

        Assert.Equal((4L, 2L), (usage.Api.Requests, usage.Api.BilledRequests));
        Assert.Equal(answers.Sum(a => Encoding.UTF8.GetByteCount(a.Entry.ToJsonLine())), usage.Api.AccessLogBytes);
        var function = Assert.Single(usage.Functions);
        Assert.Equal((2L, 124L, 124L * 1024, 1024, 95, 4L), (function.Invocations, function.BilledMs, function.BilledMbMs, function.MemorySizeMb, function.MaxMemoryUsedMb, function.LogLines));
        // UTF-8 bytes, without the "[IngestFunction] " the local console adds: "é" is two.
        Assert.Equal(lines.Sum(l => l.Length) + 1, function.LogBytes);
        var table = Assert.Single(usage.Tables);
        Assert.Equal((77L, 80L, 77L), (table.RowsStored, table.WriteUnits, table.ItemsPut));
    }

    [Fact]
    public void The_meter_counts_a_puts_whole_item_and_its_rows_own_fields_each_rounded_up_per_started_kilobyte()
    {
        var clock = new FakeTimeProvider();
        var sink = new Capacity.RecordingSink();
        using var report = new CapacityReport(CapacityLimits.ForTables(null, "orders"), clock, sink);
        // 1,000 bytes of the row's own fields ("orderId" 7 + "o-1" 3, "note" 4 + 986), then 66 bytes of "_hash": over a KB.
        using var item = JsonDocument.Parse($$$"""{"orderId":{"S":"o-1"},"note":{"S":"{{{new string('x', 986)}}}"},"_hash":{"S":"{{{new string('0', 61)}}}"}}""");
        var put = MeteredWrite.Put("orders", "o-1", WriteUnits.ForItemOf(ItemSize.Of(item.RootElement)), item.RootElement, item.RootElement);

        report.Record([(put, ThrottleReason.None), (put with { }, ThrottleReason.TableMaxWriteRequestUnits)]);
        clock.Advance(TimeSpan.FromSeconds(1));

        var second = Assert.Single(sink.Seconds);
        Assert.Equal((2, 1, 1_066L, 1_000L, 1L), (second.UnitsConsumed, second.ItemsPut, second.ItemBytes, second.RowBytes, second.RowUnits));
    }
}
