using System.Net;
using System.Text.Json;
using Dynamo.Local.Gateway;
using Dynamo.Local.Gateway.Events;
using Dynamo.Local.Store;
using Dynamo.Local.Template;
using Dynamo.Local.Workers;
using Microsoft.Extensions.Time.Testing;

namespace Dynamo.Local.Tests.Gateway;

/// <summary>
/// API keys and usage plans as template.yaml declares them with RequireApiKey, on a clock the test moves: API Gateway's
/// order (the key, its plan's bucket, its quota, then the stage's bucket, then the authorizer), each refusal in the
/// template's JSON shape, and the access log naming the key's id, never its value.
/// </summary>
public sealed class ApiKeyGatewayTests : IAsyncDisposable
{
    private const string KeyValue = "test-key-0123456789abcdefghij";
    private static readonly string TemplatePath = Path.Combine(RepositoryRoot.Find(), "template.yaml");

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly CountingFunctions _functions = new();
    private readonly HttpClient _http = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _console = new();
    private ApiGateway? _gateway;

    private static StackTemplate Template(Dictionary<string, string>? parameters = null)
    {
        var all = new Dictionary<string, string>(parameters ?? []) { ["RequireApiKey"] = "true", ["DefaultApiKeyValue"] = KeyValue };
        return StackTemplateReader.Read(TemplatePath, all);
    }

    private async Task StartAsync(GatewayOptions options)
    {
        _gateway = await ApiGateway.StartAsync(options, _functions, _console.Enqueue, _clock);
        _http.BaseAddress = new Uri(_gateway.BaseUrl + "/");
    }

    private Task StartAsync(Dictionary<string, string>? parameters = null, TimeSpan? quotaPeriod = null) =>
        StartAsync(GatewayOptions.From(Template(parameters), port: 0) with { QuotaPeriod = quotaPeriod });

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        _http.Dispose();
    }

    private async Task<HttpResponseMessage> GetDatasetsAsync(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "datasets");
        if (key is not null) request.Headers.Add("x-api-key", key);
        return await _http.SendAsync(request);
    }

    private static async Task<(string Message, string Type)> Error(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (body.GetProperty("message").GetString()!, body.GetProperty("type").GetString()!);
    }

    private List<JsonElement> AccessLog() =>
        [.. _console.Where(line => line.StartsWith("{\"requestId\"", StringComparison.Ordinal)).Select(line => JsonDocument.Parse(line).RootElement)];

    [Theory]
    [InlineData(null)]
    [InlineData("no-such-key-0123456789abcdefghij")]
    public async Task A_missing_or_unknown_key_is_403_in_the_JSON_shape_before_the_authorizer_or_the_function_run(string? key)
    {
        await StartAsync();

        using var response = await GetDatasetsAsync(key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var (message, type) = await Error(response);
        Assert.Equal("InvalidApiKeyException", type);
        Assert.StartsWith("Forbidden", message, StringComparison.Ordinal);
        Assert.Equal("ForbiddenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(0, _functions.AuthorizerCalls);
        Assert.Equal(0, _functions.FunctionCalls);
        Assert.Equal("INVALID_API_KEY", AccessLog().Single().GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Routes_that_require_no_key_and_a_template_that_requires_none_answer_without_one()
    {
        await StartAsync();
        using (var health = await _http.GetAsync("health"))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // RequireApiKey=false, the default: no key, no plan, every client as before.
        var open = StackTemplateReader.Read(TemplatePath);
        Assert.Empty(open.ApiKeys);
        Assert.All(open.Routes, route => Assert.False(route.ApiKeyRequired));
    }

    [Fact]
    public async Task A_key_over_its_plans_burst_is_429_Too_Many_Requests_by_the_usage_plan_until_its_bucket_refills()
    {
        await StartAsync(new Dictionary<string, string> { ["DefaultPlanRateLimit"] = "1", ["DefaultPlanBurstLimit"] = "2" });

        for (var i = 0; i < 2; i++)
            using (var admitted = await GetDatasetsAsync(KeyValue)) Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        using (var throttled = await GetDatasetsAsync(KeyValue))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            var (message, type) = await Error(throttled);
            Assert.Equal("ThrottledException", type);
            Assert.StartsWith("Too Many Requests", message, StringComparison.Ordinal);
            Assert.Equal("TooManyRequestsException", throttled.Headers.GetValues("x-amzn-ErrorType").Single());
            Assert.Equal("1", throttled.Headers.GetValues("Retry-After").Single());
            Assert.Equal("usage-plan", throttled.Headers.GetValues(ApiGateway.ThrottledByHeader).Single());
        }
        _clock.Advance(TimeSpan.FromSeconds(1));
        using (var refilled = await GetDatasetsAsync(KeyValue)) Assert.Equal(HttpStatusCode.OK, refilled.StatusCode);

        Assert.Equal(3, _functions.FunctionCalls);
    }

    [Fact]
    public async Task A_quota_of_three_admits_exactly_three_then_429_Limit_Exceeded_until_the_period_rolls()
    {
        await StartAsync(new Dictionary<string, string> { ["DefaultPlanQuotaLimit"] = "3", ["DefaultPlanRateLimit"] = "1000", ["DefaultPlanBurstLimit"] = "1000" }, quotaPeriod: TimeSpan.FromSeconds(10));

        for (var i = 0; i < 3; i++)
            using (var admitted = await GetDatasetsAsync(KeyValue)) Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        for (var i = 0; i < 2; i++)
        {
            using var exceeded = await GetDatasetsAsync(KeyValue);
            Assert.Equal(HttpStatusCode.TooManyRequests, exceeded.StatusCode);
            var (message, type) = await Error(exceeded);
            Assert.Equal("LimitExceededException", type);
            Assert.StartsWith("Limit Exceeded", message, StringComparison.Ordinal);
            Assert.Equal("LimitExceededException", exceeded.Headers.GetValues("x-amzn-ErrorType").Single());
            Assert.False(exceeded.Headers.Contains(ApiGateway.ThrottledByHeader));
        }
        _clock.Advance(TimeSpan.FromSeconds(10));
        using (var nextPeriod = await GetDatasetsAsync(KeyValue)) Assert.Equal(HttpStatusCode.OK, nextPeriod.StatusCode);

        Assert.Equal(4, _functions.FunctionCalls);
    }

    [Fact]
    public void The_daily_quota_rolls_at_midnight_UTC()
    {
        var quota = new UsageQuota(new UsageQuotaDefinition(1, "DAY"), _clock);
        Assert.True(quota.TryConsume());
        _clock.Advance(TimeSpan.FromHours(13.9));   // 23:54
        Assert.False(quota.TryConsume());
        _clock.Advance(TimeSpan.FromMinutes(7));    // 00:01 the next day
        Assert.True(quota.TryConsume());
    }

    [Fact]
    public async Task A_key_over_its_plan_spends_none_of_the_stages_bucket_so_another_key_still_gets_through()
    {
        // The stage admits two requests in all; the flooding key's plan one, the quiet key's plan many.
        var plans = new List<UsagePlanDefinition>
        {
            new("FloodPlan", "flood", new StageThrottling(0.001, 1), null),
            new("QuietPlan", "quiet", new StageThrottling(0.001, 10), null),
        };
        var keys = new List<LocalApiKey>
        {
            new("FloodKey", "flood", "floodid001", "flood-key-0123456789abcdefghij", "FloodPlan", true),
            new("QuietKey", "quiet", "quietid001", "quiet-key-0123456789abcdefghij", "QuietPlan", true),
        };
        await StartAsync(GatewayOptions.From(Template(), port: 0) with
        {
            Throttling = new StageThrottling(0.001, 2),
            ApiKeys = keys,
            UsagePlans = plans,
        });

        var flood = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            using (var response = await GetDatasetsAsync(keys[0].Value)) flood.Add(response.StatusCode);
        using var quiet = await GetDatasetsAsync(keys[1].Value);

        Assert.Equal(1, flood.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        var log = AccessLog();
        Assert.Equal(9, log.Count(line => line.GetProperty("apiKeyId").GetString() == "floodid001" && line.TryGetProperty("limit", out var limit) && limit.GetString() == "usage-plan"));
        // The next request of the quiet key finds the stage's bucket empty: now the stage refuses it.
        using var third = await GetDatasetsAsync(keys[1].Value);
        Assert.Equal("stage", third.Headers.GetValues(ApiGateway.ThrottledByHeader).Single());
    }

    [Fact]
    public async Task The_access_log_names_the_keys_id_and_never_its_value()
    {
        await StartAsync();

        using (var admitted = await GetDatasetsAsync(KeyValue)) Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);

        var line = Assert.Single(AccessLog());
        var id = Assert.Single(Template().ApiKeys.Select(LocalApiKey.Create)).Id;
        Assert.Equal(id, line.GetProperty("apiKeyId").GetString());
        Assert.Matches("^[a-z0-9]{10}$", id);
        Assert.DoesNotContain(_console, entry => entry.Contains(KeyValue, StringComparison.Ordinal));
    }

    /// <summary>An authorizer that allows every caller and a function that answers 200, both counted.</summary>
    private sealed class CountingFunctions : IFunctionInvoker
    {
        private int _authorizerCalls;
        private int _functionCalls;
        public int AuthorizerCalls => _authorizerCalls;
        public int FunctionCalls => _functionCalls;

        public Task<InvocationResult> InvokeAsync(string functionLogicalId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            if (functionLogicalId == "AuthorizerFunction")
            {
                Interlocked.Increment(ref _authorizerCalls);
                var request = JsonSerializer.Deserialize(payload.Span, APIGatewayJsonContext.Default.APIGatewayCustomAuthorizerRequest)!;
                var policy = new APIGatewayCustomAuthorizerResponse
                {
                    PrincipalId = "caller",
                    PolicyDocument = new() { Statement = [new() { Effect = "Allow", Resource = [request.MethodArn![..request.MethodArn!.IndexOf("/dev/", StringComparison.Ordinal)] + "/dev/*/*"] }] },
                };
                return Task.FromResult(new InvocationResult { RequestId = "a", Response = JsonSerializer.SerializeToUtf8Bytes(policy, APIGatewayJsonContext.Default.APIGatewayCustomAuthorizerResponse) });
            }
            Interlocked.Increment(ref _functionCalls);
            var answer = new APIGatewayProxyResponse { StatusCode = 200, Body = "{}" };
            return Task.FromResult(new InvocationResult { RequestId = "f", Response = JsonSerializer.SerializeToUtf8Bytes(answer, APIGatewayJsonContext.Default.APIGatewayProxyResponse) });
        }
    }
}
