using System.Net;
using System.Text;
using System.Text.Json;
using Dynamo.Local.Processes;

namespace Dynamo.EndToEnd.Tests;

/// <summary>Routes, errors and workers of the local stack, over HTTP, with the real functions.</summary>
[Collection(LocalStackTests.Name)]
public sealed class GatewayTests(LocalStackFixture stack)
{
    private static async Task<JsonElement> JsonBody(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Health_answers_200_when_the_store_answers()
    {
        using var response = await stack.Http.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await JsonBody(response)).GetProperty("status").GetString());
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
    }

    [Theory]
    [InlineData("GET", "nowhere")]
    [InlineData("DELETE", "health")]
    [InlineData("GET", "datasets/orders/rows")]
    public async Task An_unknown_route_is_404_with_a_json_error_body(string method, string path)
    {
        using var response = await stack.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFoundException", (await JsonBody(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_path_outside_the_stage_is_404()
    {
        using var response = await stack.Http.GetAsync(new Uri(stack.Stack.Gateway.Endpoint, "/prod/health"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Every_request_gets_one_json_access_log_line_on_the_console()
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        using var response = await stack.Http.GetAsync("nowhere-logged");
        elapsed.Stop();
        var requestId = response.Headers.GetValues("x-amzn-RequestId").Single();

        var line = stack.Console.Split('\n').Single(l => l.Contains(requestId, StringComparison.Ordinal));
        var entry = JsonDocument.Parse(line).RootElement;
        Assert.Equal("GET", entry.GetProperty("method").GetString());
        Assert.Equal($"/{stack.Stack.Gateway.Stage}/nowhere-logged", entry.GetProperty("path").GetString());
        Assert.Equal(404, entry.GetProperty("status").GetInt32());
        Assert.Equal("127.0.0.1", entry.GetProperty("sourceIp").GetString());
        // The gateway's own time for the request (a 404 can take under a millisecond, logged as 0): never
        // negative, and no more than the client waited for it.
        var latency = entry.GetProperty("latencyMs").GetDouble();
        Assert.InRange(latency, 0, elapsed.Elapsed.TotalMilliseconds);
    }

    [Fact]
    public async Task A_crashed_worker_is_replaced_and_the_next_request_is_answered()
    {
        using (var warm = await stack.Http.GetAsync("health"))
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        var workers = stack.Stack.Workers.WorkerProcessIds("HealthFunction");
        Assert.NotEmpty(workers);

        foreach (var pid in workers)
            System.Diagnostics.Process.GetProcessById(pid).Kill();
        await Eventually(() => workers.All(pid => !OwnedProcess.IsRunning(pid)));

        using var response = await stack.Http.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(stack.Stack.Workers.WorkerProcessIds("HealthFunction"), workers.Contains);
    }

    internal static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(25);
        Assert.True(condition());
    }

    [Fact]
    public async Task GET_datasets_describes_every_dataset()
    {
        using var response = await stack.Http.GetAsync("datasets");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await JsonBody(response)).GetRawText();
        Assert.Contains("\"orders\"", body, StringComparison.Ordinal);
        Assert.Contains("\"readings\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_API_Gateways_10_MB_is_413_before_any_function()
    {
        using var content = new ByteArrayContent(new byte[10 * 1024 * 1024 + 1]);
        content.Headers.ContentType = new("application/json");
        using var response = await stack.Http.PostAsync("datasets/orders/rows", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PayloadTooLargeException", (await JsonBody(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_caller_outside_AllowedCidrs_is_403_even_after_an_allowed_caller_was_cached()
    {
        using (var allowed = await stack.Http.GetAsync("datasets"))
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var outsider = Callers.From(IPAddress.Parse("127.0.0.2"), stack.Api);

        using var response = await outsider.GetAsync("datasets");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("AccessDeniedException", (await JsonBody(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_spoofed_X_Forwarded_For_does_not_admit_a_caller_outside_AllowedCidrs()
    {
        using var outsider = Callers.From(IPAddress.Parse("127.0.0.2"), stack.Api);
        using var request = new HttpRequestMessage(HttpMethod.Post, "datasets/orders/rows") { Content = Json(OneOrder("spoofed")) };
        request.Headers.Add("X-Forwarded-For", "127.0.0.1");
        request.Headers.Add("X-Real-IP", "127.0.0.1");

        using var response = await outsider.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("AccessDeniedException", (await JsonBody(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_body_over_the_functions_5_MB_is_413_from_the_function()
    {
        using var response = await stack.Http.PostAsync("datasets/orders/rows", Json(OneBigRow(5 * 1024 * 1024 + 1)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PayloadTooLargeException", (await JsonBody(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_event_over_Lambdas_6_MB_is_refused_by_Lambda_and_answered_with_the_templates_INTEGRATION_FAILURE()
    {
        using var response = await stack.Http.PostAsync("datasets/orders/rows", Json(OneBigRow(7 * 1024 * 1024)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await JsonBody(response);
        Assert.Equal("ServiceUnavailableException", body.GetProperty("type").GetString());
        Assert.Contains("6 MB", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    internal static string OneOrder(string id) =>
        $$"""{"rows":[{"orderId":"{{id}}-{{Guid.NewGuid():N}}","customer":"c","amount":1,"status":"paid","createdAt":"2026-03-14T15:09:26Z"}]}""";

    // One row whose note fills the body to about `bytes`: few quotes, so the event is about the body's size.
    private static string OneBigRow(int bytes) =>
        $$"""{"rows":[{"orderId":"big","customer":"c","amount":1,"status":"paid","createdAt":"2026-03-14T15:09:26Z","note":"{{new string('a', bytes)}}"}]}""";

    internal static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
