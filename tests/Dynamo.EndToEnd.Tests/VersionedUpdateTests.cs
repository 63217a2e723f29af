using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.EndToEnd.Tests;

/// <summary>
/// The sequence of issue #26 on the local stack, through the gateway, the ingest function, the capacity proxy and
/// DynamoDB Local: R1 gets no answer it can trust (a real 504), R2 stores a newer version of the same key, and R1's
/// resend must not undo it (docs/datasets.md, "Versioned datasets").
/// </summary>
[Collection(TightGatewayLimits.Name)]
public sealed class VersionedUpdateTests(GatewayLimitsFixture stack)
{
    private const string Rows = "datasets/inventory/rows";

    private static string Stock(string sku, int quantity, string updatedAt) =>
        $$"""{"rows":[{"sku":"{{sku}}","quantity":{{quantity}},"updatedAt":"{{updatedAt}}"}]}""";

    [Fact]
    public async Task A_resend_of_a_request_that_timed_out_does_not_overwrite_the_newer_row_stored_meanwhile()
    {
        var sku = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var r1 = Stock(sku, 10, "2026-12-03T10:00:00Z");

        await stack.IngestIdleAsync();
        using (var slow = new HttpRequestMessage(HttpMethod.Post, Rows) { Content = GatewayTests.Json(r1) })
        {
            slow.Headers.Add("X-Dynamo-Test-Delay-Ms", (GatewayLimitsFixture.IntegrationTimeoutMs + 1500).ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var timedOut = await stack.Http.SendAsync(slow);
            Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.StatusCode);
        }
        await stack.IngestIdleAsync();

        using (var r2 = await stack.Http.PostAsync(Rows, GatewayTests.Json(Stock(sku, 3, "2026-12-03T10:05:00Z"))))
            Assert.Equal(HttpStatusCode.OK, r2.StatusCode);

        using var resent = await stack.Http.PostAsync(Rows, GatewayTests.Json(r1));
        var body = JsonDocument.Parse(await resent.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.True(body.GetProperty("complete").GetBoolean());
        Assert.Equal(1, body.GetProperty("summary").GetProperty("stale").GetInt32());
        Assert.Equal("stale", body.GetProperty("rows")[0].GetProperty("status").GetString());

        using var client = stack.Stack.Store.CreateClient();
        var item = (await client.GetItemAsync(new GetItemRequest
        {
            TableName = "inventory",
            Key = new() { ["sku"] = new AttributeValue { S = sku } },
            ConsistentRead = true,
        })).Item;
        Assert.Equal("3", item["quantity"].N);
        Assert.Equal("2026-12-03T10:05:00Z", item["updatedAt"].S);
    }

    [Fact]
    public async Task The_same_version_with_other_content_answers_207_with_the_stored_hash()
    {
        var sku = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        await stack.IngestIdleAsync();
        using (var first = await stack.Http.PostAsync(Rows, GatewayTests.Json(Stock(sku, 1, "2026-12-03T10:00:00Z"))))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var other = await stack.Http.PostAsync(Rows, GatewayTests.Json(Stock(sku, 2, "2026-12-03T10:00:00Z")));

        Assert.Equal(HttpStatusCode.MultiStatus, other.StatusCode);
        var row = JsonDocument.Parse(await other.Content.ReadAsStringAsync()).RootElement.GetProperty("rows")[0];
        Assert.Equal("conflict", row.GetProperty("status").GetString());
        using var client = stack.Stack.Store.CreateClient();
        var stored = (await client.GetItemAsync("inventory", new() { ["sku"] = new AttributeValue { S = sku } })).Item;
        Assert.Equal(stored["_h"].S, row.GetProperty("storedHash").GetString());
    }
}
