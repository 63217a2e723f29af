using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.EndToEnd.Tests;

/// <summary>POST /datasets/{dataset}/rows through the gateway to the ingest function and DynamoDB Local, and back.</summary>
[Collection(LocalStackTests.Name)]
public sealed class IngestTests(LocalStackFixture stack)
{
    private static string Orders(string prefix, int count)
    {
        var rows = new StringBuilder("""{"rows":[""");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) rows.Append(',');
            rows.Append(CultureInfo.InvariantCulture,
                $$"""{"orderId":"{{prefix}}-{{i}}","customer":"c-{{i % 97}}","amount":{{i}}.5,"currency":"EUR","status":"paid","createdAt":"2026-03-14T15:09:26Z"}""");
        }
        return rows.Append("]}").ToString();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string dataset, HttpContent content)
    {
        using (content)
        using (var response = await stack.Http.PostAsync($"datasets/{dataset}/rows", content))
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }
    }

    private async Task<int> StoredCountAsync(string prefix)
    {
        using var client = stack.Stack.Store.CreateClient();
        return await StoredRows.CountAsync(client, "orders", "orderId", prefix + "-");
    }

    [Fact]
    public async Task Five_thousand_rows_are_stored_read_back_and_a_resend_changes_nothing()
    {
        var prefix = "e2e-" + Guid.NewGuid().ToString("N")[..8];

        var (status, body) = await PostAsync("orders", GatewayTests.Json(Orders(prefix, 5000)));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5000, body.GetProperty("summary").GetProperty("stored").GetInt32());
        Assert.Equal(5000, await StoredCountAsync(prefix));

        using var client = stack.Stack.Store.CreateClient();
        var item = (await client.GetItemAsync("orders", new() { ["orderId"] = new AttributeValue { S = $"{prefix}-4999" } })).Item;
        Assert.Equal("4999.5", item["amount"].N);
        Assert.Equal("c-52", item["customer"].S); // 4999 % 97
        var before = await StoredRows.SystemAttributesAsync(client, "orders", "orderId", prefix + "-");

        var (resendStatus, resent) = await PostAsync("orders", GatewayTests.Json(Orders(prefix, 5000)));
        Assert.Equal(HttpStatusCode.OK, resendStatus);
        Assert.Equal(5000, resent.GetProperty("summary").GetProperty("stored").GetInt32());
        var after = await StoredRows.SystemAttributesAsync(client, "orders", "orderId", prefix + "-");

        // Every item was written again (by the resend's request) and holds the very same row: the same _h.
        Assert.Equal(5000, after.Count);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.All(after, pair => Assert.Equal(before[pair.Key].Hash, pair.Value.Hash));
        var resendId = resent.GetProperty("requestId").GetString();
        Assert.All(after.Values, stored => Assert.Equal(resendId, stored.RequestId));
        Assert.NotEqual(body.GetProperty("requestId").GetString(), resendId);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_400()
    {
        var (status, body) = await PostAsync("orders", GatewayTests.Json("{not json"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("ValidationException", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_unknown_dataset_is_404()
    {
        var (status, body) = await PostAsync("no-such-dataset", GatewayTests.Json(Orders("x", 1)));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NotFoundException", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task More_than_5000_rows_is_413()
    {
        var (status, body) = await PostAsync("orders", GatewayTests.Json(Orders("big-" + Guid.NewGuid().ToString("N")[..8], 5001)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("PayloadTooLargeException", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_application_json_is_415()
    {
        var (status, body) = await PostAsync("orders", new StringContent("orderId,customer\nA-1,ACME\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("UnsupportedMediaTypeException", body.GetProperty("type").GetString());
    }
}
