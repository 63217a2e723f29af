using System.Text.Json;
using Dynamo.Client.Tests.Scripting;

namespace Dynamo.Client.Tests;

public class ChunkingTests
{
    [Fact]
    public async Task Requests_hold_at_most_the_row_limit_and_every_row_once()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => api.StoreAllAsync(context, request));

        var result = await harness.SendAsync(Rows.Numbered(1200), harness.Options(o => o with { MaxRowsPerRequest = 500 }));

        Assert.Equal([500, 500, 200], harness.Api.Requests.Select(r => r.Rows.Count).Order().Reverse());
        Assert.Equal(1200, harness.Api.Requests.SelectMany(r => r.Ids).Distinct().Count());
        Assert.Equal(1200, result.Stored);
    }

    [Fact]
    public async Task Requests_are_cut_by_bytes_before_5_MB()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => api.StoreAllAsync(context, request));
        const int padding = 100_000;

        var result = await harness.SendAsync(Rows.Numbered(120, padding), harness.Options());

        var requests = harness.Api.Requests;
        Assert.All(requests, r => Assert.True(r.BodyBytes <= SendOptions.ApiMaxBodyBytes, $"{r.BodyBytes} bytes"));
        // Each body is as full as the next row allows: 49 rows of ~100 KB, then the rest.
        Assert.All(requests.Where(r => r.Rows.Count != requests.Min(x => x.Rows.Count)),
            r => Assert.True(r.BodyBytes + padding > SendOptions.ApiMaxBodyBytes));
        Assert.Equal(3, requests.Count);
        Assert.Equal(120, result.Stored);
    }

    [Fact]
    public async Task Requests_are_cut_by_what_the_lambda_event_carries_so_quote_heavy_rows_stay_within_its_6_MB()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => api.StoreAllAsync(context, request));
        // Rows of 100 one-character fields, over a third quotes: a body of 5 MB of them is 6.8 MB in the event,
        // which Lambda refuses before the function, however often it is resent.
        var fields = string.Concat(Enumerable.Range(0, 100).Select(f => $",\"f{f:000}\":\"x\""));
        var rows = Rows.Of([.. Enumerable.Range(0, 12_000).Select(i => $"{{\"id\":\"r-{i}\"{fields}}}")]);

        var result = await harness.SendAsync(rows, harness.Options());

        // Each quote is one more byte in the event; every row here has 4 + 100 * 4 of them.
        Assert.All(harness.Api.Requests, r => Assert.True(r.BodyBytes + r.Rows.Count * 404 <= SendOptions.ApiMaxBodyBytes, $"{r.BodyBytes} bytes"));
        Assert.Equal(12_000, result.Stored);
    }

    [Fact]
    public async Task A_413_splits_the_request_and_resends_the_halves_in_order()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => request.Rows.Count > 3
            ? ScriptedApi.AnswerErrorAsync(context, 413, "PayloadTooLargeException", "too large")
            : api.StoreAllAsync(context, request));

        var result = await harness.SendAsync(Rows.Numbered(10), harness.Options());

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"r-{i}"), harness.Api.Stored.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(10, result.Stored);
    }

    [Fact]
    public async Task A_row_no_request_could_carry_is_reported_invalid_and_never_sent()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => api.StoreAllAsync(context, request));
        var rows = Rows.Of(Rows.Row("a", 1), "[1,2]", Rows.Row("big", 1, padding: 6_000), "42", Rows.Row("b", 1));

        var result = await harness.SendAsync(rows, harness.Options(o => o with { MaxBodyBytes = 5_000 }));

        Assert.Equal(["a", "b"], harness.Api.Requests.SelectMany(r => r.Ids));
        Assert.Equal([1L, 2, 3], result.InvalidRows.Select(r => r.Position));
        Assert.Contains("JSON object", result.InvalidRows[0].Errors[0], StringComparison.Ordinal);
        Assert.Contains("5,000 bytes", result.InvalidRows[1].Errors[0], StringComparison.Ordinal);
        Assert.Equal((2L, 3L, 5L), (result.Stored, result.Invalid, result.RowsRead));
    }

    [Fact]
    public async Task The_input_is_read_only_as_far_as_the_requests_in_flight()
    {
        var release = new TaskCompletionSource();
        await using var harness = await ClientHarness.StartAsync(async (api, request, context) =>
        {
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await api.StoreAllAsync(context, request);
        });
        var rows = Rows.Numbered(1000);
        var options = harness.Options(o => o with { MaxRowsPerRequest = 10, Concurrency = 2 });

        var send = harness.Client.SendAsync("orders", rows, options);
        while (harness.Api.Requests.Count < 2)
        {
            await Task.WhenAny(send, Task.Delay(5));
            Assert.False(send.IsCompleted);
        }
        await Task.Delay(200);   // room for a reader that would run ahead; it must not
        var pulledWhileBlocked = rows.Pulled;
        release.SetResult();
        var result = await send;

        Assert.InRange(pulledWhileBlocked, 20, 21);
        Assert.Equal(1000, result.Stored);
    }

    [Fact]
    public async Task Rows_of_your_own_type_are_sent_with_their_source_generated_contract()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => api.StoreAllAsync(context, request));
        var orders = new[] { new TestOrder("o-1", 1), new TestOrder("o-2", 2) }.ToAsyncEnumerable();

        var send = harness.Client.SendAsync("orders", orders, TestJsonContext.Default.TestOrder, harness.Options());
        var result = await harness.RunClockUntil(send);

        Assert.Equal(["o-1", "o-2"], harness.Api.Requests.Single().Ids);
        Assert.Equal(2, result.Stored);
    }
}

public sealed record TestOrder(string Id, int V);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(TestOrder))]
public sealed partial class TestJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
