using System.Text.Json;
using Amazon.Lambda.APIGatewayEvents;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;

namespace Dynamo.Functions.Tests;

public sealed class DatasetsFunctionTests
{
    [Fact]
    public async Task Every_dataset_is_listed_with_its_table_from_the_environment_its_keys_and_its_schema()
    {
        var catalog = DatasetCatalog.Load("dynamo-prod-");

        var response = (await new DatasetsFunction(catalog, GeneratedHandlers.Filters()).ListDatasets(new APIGatewayProxyRequest(), new TestLambdaContext())).ToResponse();

        Assert.Equal(200, response.StatusCode);
        var list = JsonSerializer.Deserialize(response.Body!, ContractsJsonContext.Default.DatasetList)!;

        var orders = Assert.Single(list.Datasets, d => d.Name == "orders");
        var readings = Assert.Single(list.Datasets, d => d.Name == "readings");
        Assert.Equal(("dynamo-prod-orders", "orderId", (string?)null), (orders.Table, orders.PartitionKey, orders.SortKey));
        Assert.Equal(("dynamo-prod-readings", "deviceId", "ts"), (readings.Table, readings.PartitionKey, readings.SortKey));
        Assert.Equal("object", orders.Schema.GetProperty("type").GetString());
        Assert.Null(orders.VersionField);
        Assert.Equal("updatedAt", Assert.Single(list.Datasets, d => d.Name == "inventory").VersionField);
    }
}
