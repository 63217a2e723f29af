using Dynamo.Local.Capacity;
using Dynamo.Local.Gateway;
using Dynamo.Local.Monitoring;
using Dynamo.Local.Template;
using Dynamo.Local.Workers;

namespace Dynamo.Local.Tests.Monitoring;

public class StackMonitorTests
{
    private static readonly StackTemplate Template = new(
        "dev", [], [new FunctionDefinition("IngestFunction", "h", 512, TimeSpan.FromSeconds(10), new Dictionary<string, string>(), 2)], null,
        new StageThrottling(10, 10), [new TableDefinition("OrdersTable", "orders", new TableKey("orderId", "S"), null, 100)],
        TemplateParameters.Resolve(new Dictionary<string, object?>(), new Dictionary<string, string>()));

    private static ObservedRequest Answer(int status, string? errorType = null, string? limit = null) =>
        new(new AccessLogEntry(Guid.NewGuid().ToString(), "127.0.0.1", "GET", "/dev/health", status, 4) { ErrorType = errorType, Limit = limit }, "dev", null);

    [Fact]
    public void The_stage_counts_every_request_by_status_and_each_429_by_what_refused_it()
    {
        var monitor = new StackMonitor(Template);
        monitor.Answered(Answer(200));
        monitor.Answered(Answer(207));
        monitor.Answered(Answer(429, "THROTTLED", GatewayResponse.StageLimit));
        monitor.Answered(Answer(429, "THROTTLED", GatewayResponse.UsagePlanLimit));
        monitor.Answered(Answer(429, GatewayResponse.QuotaExceededType));
        monitor.Answered(Answer(429));
        monitor.Answered(Answer(503));

        var stage = Assert.Single(monitor.Snapshot().Stages);

        Assert.Equal(7, stage.Metrics["Count"].Sum);
        Assert.Equal((4.0, 7L), (stage.Metrics["4XXError"].Sum, stage.Metrics["4XXError"].SampleCount));
        Assert.Equal(1, stage.Metrics["5XXError"].Sum);
        Assert.Equal(1, stage.Statuses["207"]);
        Assert.Equal(4, stage.Statuses["429"]);
        Assert.Equal(new Dictionary<string, long> { ["stage"] = 1, ["usage-plan"] = 1, ["quota"] = 1, ["function"] = 1 }, stage.ThrottledBy);
    }

    [Fact]
    public void A_throttled_invocation_is_a_throttle_not_an_invocation_and_errors_and_cold_starts_are_counted_apart()
    {
        var monitor = new StackMonitor(Template);
        monitor.Invoked("IngestFunction", new InvocationResult { RequestId = "a", Duration = TimeSpan.FromMilliseconds(10), ColdStart = true }, 1);
        monitor.Invoked("IngestFunction", new InvocationResult { RequestId = "b", Duration = TimeSpan.FromMilliseconds(30), Error = new FunctionError { ErrorType = "E", ErrorMessage = "m" } }, 2);
        monitor.Invoked("IngestFunction", InvocationResult.Refused(FunctionError.Throttled, "full"), 2);

        var function = Assert.Single(monitor.Snapshot().Functions);

        Assert.Equal(2, function.ReservedConcurrency);
        Assert.Equal((2.0, 1.0, 1.0, 1.0), (function.Metrics["Invocations"].Sum, function.Metrics["Errors"].Sum, function.Metrics["Throttles"].Sum, function.Metrics["ColdStarts"].Sum));
        Assert.Equal((10.0, 30.0), (function.Metrics["Duration"].P50!.Value, function.Metrics["Duration"].P99!.Value));
        Assert.Equal(2, function.Metrics["ConcurrentExecutions"].Maximum);
    }

    [Fact]
    public void A_tables_write_units_come_from_the_capacity_emulation_and_its_rows_from_the_functions_emf_lines()
    {
        var monitor = new StackMonitor(Template);
        monitor.CapacityReported(new CapacitySecond("orders", 80, 100, 3, 0));
        monitor.FunctionLine("""[IngestFunction] {"_aws":{"CloudWatchMetrics":[{"Namespace":"Dynamo","Dimensions":[["dataset","stage"]],"Metrics":[{"Name":"RowsStored","Unit":"Count"},{"Name":"RowsRetry","Unit":"Count"}]}]},"dataset":"orders","stage":"dev","RowsStored":77,"RowsRetry":3}""");
        monitor.FunctionLine("[IngestFunction] a line that is no metric");

        var snapshot = monitor.Snapshot();

        var table = Assert.Single(snapshot.Tables);
        Assert.Equal(100, table.MaxWriteRequestUnits);
        Assert.Equal((80.0, 3.0, 77.0, 3.0), (table.Metrics["ConsumedWriteCapacityUnits"].Sum, table.Metrics["WriteThrottleEvents"].Sum, table.Metrics["RowsStored"].Sum, table.Metrics["RowsRetry"].Sum));
        Assert.Equal(["RowsRetry", "RowsStored"], snapshot.Emf.Select(metric => metric.Name));
        Assert.Equal(2, monitor.Logs(new LogFilter(null, null, "IngestFunction")).Count);
    }
}
