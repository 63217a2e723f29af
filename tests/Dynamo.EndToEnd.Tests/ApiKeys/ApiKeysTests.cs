using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Dynamo.EndToEnd.Tests.Capacity;
using Dynamo.Local.Store;

namespace Dynamo.EndToEnd.Tests.ApiKeys;

/// <summary>
/// One client cannot starve the others (issue 27): each API key is held to its own usage plan, in API Gateway's order
/// (the key, its plan's rate, its quota, then the stage), and a request refused on the way writes nothing. Rates are
/// the gateway's decisions, counted from its access log by the times it took them, not by the clients' timing.
/// </summary>
[Collection(ApiKeysClients.Name)]
public sealed class ApiKeysTests(ApiKeysFixture stack)
{
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(8);
    // The plans' buckets (a burst of two seconds) are empty by then under three times their rate.
    private static readonly TimeSpan Settling = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Two_keys_loaded_at_once_at_three_times_their_plans_each_get_their_own_plans_rate()
    {
        var defaultKey = stack.Key("DefaultApiKey");
        var partnerKey = stack.Key("PartnerApiKey");
        var from = stack.Console.Length;

        await Task.WhenAll(
            OfferAsync(defaultKey.Value, 3 * ApiKeysFixture.DefaultRate),
            OfferAsync(partnerKey.Value, 3 * ApiKeysFixture.PartnerRate));

        var log = stack.AccessLog(from);
        AssertRate(log, defaultKey.Id, ApiKeysFixture.DefaultRate);
        AssertRate(log, partnerKey.Id, ApiKeysFixture.PartnerRate);
        // The stage (50 per second) saw only what the plans admitted (25 per second): it refused nothing.
        Assert.DoesNotContain(log, line => Text(line, "limit") == "stage");
        Assert.All(log.Where(line => line.GetProperty("status").GetInt32() == 429),
            line => Assert.Equal(("THROTTLED", "usage-plan"), (Text(line, "errorType"), Text(line, "limit"))));
    }

    /// <summary>
    /// Admitted within 10 % of the plan's rate over the load once its burst was spent, by the gateway's clock. Admitted
    /// is what the key, plan and stage checks let through to the function, whatever the function then answered (a
    /// machine this busy may answer some with Lambda's 503).
    /// </summary>
    private static void AssertRate(IReadOnlyList<JsonElement> log, string keyId, int planRate)
    {
        var times = log.Where(line => Text(line, "apiKeyId") == keyId)
            .Select(line => (Time: line.GetProperty("requestTimeEpochMs").GetInt64(), Admitted: !RefusedByTheGateway(line)))
            .ToList();
        Assert.NotEmpty(times);
        var start = times.Min(t => t.Time) + (long)Settling.TotalMilliseconds;
        var end = times.Max(t => t.Time);
        var window = (end - start) / 1000.0;
        var inWindow = times.Where(t => t.Time >= start).ToList();
        var offered = inWindow.Count / window;
        var admitted = inWindow.Count(t => t.Admitted) / window;

        Assert.True(offered >= 2 * planRate, $"key {keyId}: only {offered:0.0} requests a second were offered in {window:0.0} s, too few to test a plan of {planRate}");
        Assert.True(Math.Abs(admitted - planRate) <= 0.1 * planRate,
            $"key {keyId}: {admitted:0.00} requests a second admitted in {window:0.0} s ({inWindow.Count(t => t.Admitted)} of {inWindow.Count}), its plan allows {planRate}");
    }

    private static bool RefusedByTheGateway(JsonElement line) => Text(line, "errorType") is "THROTTLED" or "QUOTA_EXCEEDED" or "INVALID_API_KEY";

    /// <summary>GET /datasets with the key at a steady rate for <see cref="LoadDuration"/>, without waiting for the answers.</summary>
    private async Task OfferAsync(string key, int rate)
    {
        var clock = Stopwatch.StartNew();
        var sent = new List<Task>();
        for (var i = 0L; clock.Elapsed < LoadDuration; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            sent.Add(GetDatasetsAsync(key));
        }
        await Task.WhenAll(sent);
    }

    private async Task GetDatasetsAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "datasets");
        request.Headers.Add("x-api-key", key);
        using var response = await stack.Http.SendAsync(request);
        // Only what refuses a key counts here; the gateway's access log has every decision.
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_quota_of_ten_admits_exactly_ten_then_429_Limit_Exceeded_until_the_period_rolls_and_writes_none_of_the_refused()
    {
        var key = stack.Key("QuotaApiKey");
        var prefix = "quota-" + Guid.NewGuid().ToString("N")[..8];
        var from = stack.Console.Length;
        // Ten cheap requests spend the quota; three posts of rows then meet it.
        for (var i = 0; i < ApiKeysFixture.Quota; i++)
            await GetDatasetsAsync(key.Value);
        var refused = new List<(HttpStatusCode Status, string Body)>();
        for (var i = 0; i < 3; i++)
            refused.Add(await PostOrderAsync(key.Value, $"{prefix}-{i}"));

        // By the gateway's clock: the first period holds all thirteen, the first ten admitted, the rest Limit Exceeded.
        var decisions = KeyLog(key.Id, from);
        var first = decisions[0].Time;
        var period = (long)ApiKeysFixture.QuotaPeriod.TotalMilliseconds;
        Assert.True(decisions[^1].Time - first < period, $"the 13 requests took {decisions[^1].Time - first} ms, longer than the {period} ms period: the machine is too slow for this test");
        Assert.Equal([.. Enumerable.Repeat<string?>(null, ApiKeysFixture.Quota), "QUOTA_EXCEEDED", "QUOTA_EXCEEDED", "QUOTA_EXCEEDED"],
            decisions.Select(d => d.ErrorType is "QUOTA_EXCEEDED" or "THROTTLED" ? d.ErrorType : null));
        Assert.All(refused, answer =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
            Assert.Equal("LimitExceededException", ErrorType(answer.Body));
            Assert.StartsWith("Limit Exceeded", Message(answer.Body), StringComparison.Ordinal);
        });

        // Refused until the period rolls, then admitted again, one period after the first request.
        var waited = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            await Task.Delay(250);
            using var request = new HttpRequestMessage(HttpMethod.Get, "datasets");
            request.Headers.Add("x-api-key", key.Value);
            using var response = await stack.Http.SendAsync(request);
            status = response.StatusCode;
        }
        while (status == HttpStatusCode.TooManyRequests && waited.Elapsed < ApiKeysFixture.QuotaPeriod * 3);
        var later = KeyLog(key.Id, from).Skip(decisions.Count).ToList();
        Assert.All(later[..^1], d => Assert.Equal("QUOTA_EXCEEDED", d.ErrorType));
        Assert.Null(later[^1].ErrorType is "QUOTA_EXCEEDED" or "THROTTLED" ? later[^1].ErrorType : null);
        Assert.InRange(later[^1].Time - first, period, period + 2500);

        // Nothing a refused request carried was written.
        using var store = LocalDynamoDbClient.Create(stack.Stack.Store.Endpoint);
        Assert.Empty(await OrderRows.StoredHashesAsync(store, prefix));
    }

    /// <summary>The gateway's decisions on the key's requests since <paramref name="from"/>: when, and the gateway response that refused it.</summary>
    private List<(long Time, string? ErrorType)> KeyLog(string keyId, int from) =>
    [
        .. stack.AccessLog(from).Where(line => Text(line, "apiKeyId") == keyId)
            .Select(line => (line.GetProperty("requestTimeEpochMs").GetInt64(), Text(line, "errorType"))),
    ];

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key-of-this-stack-0123456789")]
    public async Task A_missing_or_unknown_key_is_403_with_the_JSON_body_and_nothing_is_written(string? key)
    {
        var prefix = "nokey-" + Guid.NewGuid().ToString("N")[..8];

        var answer = await PostOrderAsync(key, $"{prefix}-0");
        using var datasets = new HttpRequestMessage(HttpMethod.Get, "datasets");
        if (key is not null) datasets.Headers.Add("x-api-key", key);
        using var listed = await stack.Http.SendAsync(datasets);

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal("InvalidApiKeyException", ErrorType(answer.Body));
        Assert.StartsWith("Forbidden", Message(answer.Body), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, listed.StatusCode);
        using var store = LocalDynamoDbClient.Create(stack.Stack.Store.Endpoint);
        Assert.Empty(await OrderRows.StoredHashesAsync(store, prefix));
    }

    [Fact]
    public void The_stack_prints_each_keys_value_once_and_its_access_log_names_only_ids()
    {
        var keys = stack.Stack.ApiKeys;
        Assert.Equal(["DefaultApiKey", "PartnerApiKey", "QuotaApiKey"], keys.Select(key => key.LogicalId).Order(StringComparer.Ordinal));
        foreach (var key in keys)
        {
            Assert.Contains($"API key {key.LogicalId} (id {key.Id},", stack.Console, StringComparison.Ordinal);
            Assert.DoesNotContain(stack.AccessLog(), line => line.GetRawText().Contains(key.Value, StringComparison.Ordinal));
        }
        Assert.Equal(keys, stack.Stack.Endpoints.ApiKeys);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostOrderAsync(string? key, string orderId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "datasets/orders/rows")
        {
            Content = new StringContent($$"""{"rows":[{"orderId":"{{orderId}}","customer":"c","amount":1.5,"currency":"EUR","status":"paid","createdAt":"2026-03-14T15:09:26Z"}]}""", Encoding.UTF8, "application/json"),
        };
        if (key is not null) request.Headers.Add("x-api-key", key);
        using var response = await stack.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string? Text(JsonElement line, string name) => line.TryGetProperty(name, out var value) ? value.GetString() : null;
    private static string ErrorType(string body) => JsonDocument.Parse(body).RootElement.GetProperty("type").GetString()!;
    private static string Message(string body) => JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()!;
}
