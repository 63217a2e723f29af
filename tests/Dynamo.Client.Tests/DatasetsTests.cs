using System.Text.Json;
using Dynamo.Client.Tests.Scripting;
using Dynamo.Contracts;

namespace Dynamo.Client.Tests;

public class DatasetsTests
{
    private static readonly DatasetDescription[] Datasets =
    [
        new() { Name = "orders", Table = "orders", PartitionKey = "id", Schema = JsonDocument.Parse("{}").RootElement },
        new() { Name = "readings", Table = "readings", PartitionKey = "deviceId", SortKey = "ts", Schema = JsonDocument.Parse("{}").RootElement },
    ];

    [Fact]
    public async Task The_dataset_list_comes_from_GET_datasets()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => api.StoreAllAsync(context, request), Datasets);

        var datasets = await harness.Client.GetDatasetsAsync();

        Assert.Equal(["orders", "readings"], datasets.Select(d => d.Name));
        Assert.Equal(("deviceId", "ts"), (datasets[1].PartitionKey, datasets[1].SortKey));
    }

    [Fact]
    public async Task Without_key_fields_a_send_asks_the_API_for_them_and_refuses_an_unknown_dataset()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => api.StoreAllAsync(context, request), Datasets);
        var options = harness.Options(o => o with { KeyFields = null });

        var stored = await harness.RunClockUntil(harness.Client.SendAsync("orders", Rows.Numbered(3), options));
        var unknown = await Assert.ThrowsAsync<DynamoApiException>(() => harness.Client.SendAsync("order", Rows.Numbered(3), options));

        Assert.Equal(3, stored.Stored);
        Assert.Contains("no dataset 'order'", unknown.Message, StringComparison.Ordinal);
        Assert.Single(harness.Api.Requests);
    }
}
