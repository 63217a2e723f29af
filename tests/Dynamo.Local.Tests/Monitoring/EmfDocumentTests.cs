using Dynamo.Local.Monitoring;

namespace Dynamo.Local.Tests.Monitoring;

public class EmfDocumentTests
{
    [Fact]
    public void Each_metric_of_each_directive_is_read_with_its_unit_and_the_dimension_values_of_the_root()
    {
        const string line = """{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"Dynamo","Dimensions":[["dataset","stage"]],"Metrics":[{"Name":"RowsStored","Unit":"Count"},{"Name":"Took","Unit":"Milliseconds"}]}]},"dataset":"orders","stage":"dev","RowsStored":3,"Took":[1.5,2.5],"requestId":"r"}""";

        var datapoints = EmfDocument.Read(line);

        Assert.Equal(3, datapoints.Count);
        var stored = Assert.Single(datapoints, d => d.Name == "RowsStored");
        Assert.Equal(("Dynamo", "Count", 3.0), (stored.Namespace, stored.Unit, stored.Value));
        Assert.Equal(new Dictionary<string, string> { ["dataset"] = "orders", ["stage"] = "dev" }, stored.Dimensions);
        Assert.Equal([1.5, 2.5], datapoints.Where(d => d.Name == "Took").Select(d => d.Value));
        Assert.All(datapoints.Where(d => d.Name == "Took"), d => Assert.Equal("Milliseconds", d.Unit));
    }

    [Theory]
    [InlineData("""{"level":"INFO","message":"ingest 200"}""")]
    [InlineData("not json at all")]
    [InlineData("""{"_aws": broken""")]
    [InlineData("""{"_aws":{"CloudWatchMetrics":"no array"}}""")]
    public void A_line_that_is_not_emf_gives_no_datapoint(string line) => Assert.Empty(EmfDocument.Read(line));

    [Fact]
    public void A_dimension_set_whose_value_is_missing_is_dropped_as_CloudWatch_drops_it()
    {
        const string line = """{"_aws":{"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[["dataset"],["missing"]],"Metrics":[{"Name":"M"}]}]},"dataset":"orders","M":1}""";

        var datapoint = Assert.Single(EmfDocument.Read(line));

        Assert.Equal("orders", datapoint.Dimensions["dataset"]);
        Assert.Equal("None", datapoint.Unit);
    }
}
