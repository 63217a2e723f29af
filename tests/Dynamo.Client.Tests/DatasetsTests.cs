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

    [Fact]
    public async Task A_throttled_or_busy_GET_datasets_is_asked_again_after_its_wait()
    {
        // Many clients starting together against a throttled stage: each one's first GET is likely refused.
        await using var harness = await ClientHarness.StartAsync((api, request, context) => api.StoreAllAsync(context, request), Datasets);
        harness.Api.DatasetsRefusals = [429, 503, 502, 504];
        var options = harness.Options(o => o with { KeyFields = null });
        var begin = harness.Clock.GetUtcNow();

        var stored = await harness.RunClockUntil(harness.Client.SendAsync("orders", Rows.Numbered(3), options));

        Assert.Equal(3, stored.Stored);
        Assert.Equal(5, harness.Api.DatasetRequests);
        Assert.True(harness.Api.Requests[0].At - begin >= TimeSpan.FromSeconds(2), "the 429's Retry-After (2 s) was not waited");
    }

    [Fact]
    public async Task A_GET_datasets_busy_for_the_whole_budget_fails_with_its_last_status()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => api.StoreAllAsync(context, request), Datasets);
        harness.Api.DatasetsRefusals = [.. Enumerable.Repeat(429, 1000)];
        var options = harness.Options(o => o with { KeyFields = null, TimeBudget = TimeSpan.FromSeconds(20) });

        var refused = await Assert.ThrowsAsync<DynamoApiException>(() => harness.RunClockUntil(harness.Client.GetDatasetsAsync(options)));

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(harness.Api.DatasetRequests, 2, 15);
        Assert.Empty(harness.Api.Requests);
    }
}
