using Dynamo.Core.Datasets;

namespace Dynamo.Functions.Tests;

public sealed class DatasetsFunctionTests
{
    [Fact]
    public void Every_dataset_is_listed_with_its_table_from_the_environment_its_keys_and_its_schema()
    {
        var catalog = DatasetCatalog.Load(name => name == "DYNAMO_TABLE_ORDERS" ? "dynamo-prod-orders" : null);

        var list = new DatasetsFunction(catalog).List();

        var orders = Assert.Single(list.Datasets, d => d.Name == "orders");
        var readings = Assert.Single(list.Datasets, d => d.Name == "readings");
        Assert.Equal(("dynamo-prod-orders", "orderId", (string?)null), (orders.Table, orders.PartitionKey, orders.SortKey));
        Assert.Equal(("readings", "deviceId", "ts"), (readings.Table, readings.PartitionKey, readings.SortKey));
        Assert.Equal("object", orders.Schema.GetProperty("type").GetString());
    }
}
