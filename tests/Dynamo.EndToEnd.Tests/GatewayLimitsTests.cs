using System.Net;
using System.Text.Json;

namespace Dynamo.EndToEnd.Tests;

/// <summary>401, 429, 503 and 504 produced for real by the local stack, from template parameters and the real functions.</summary>
[Collection(TightGatewayLimits.Name)]
public sealed class GatewayLimitsTests(GatewayLimitsFixture stack)
{
    private const string Rows = "datasets/orders/rows";

    private static async Task<string> ErrorType(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString()!;
    }

    private static HttpRequestMessage SlowPost(int delayMs)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Rows) { Content = GatewayTests.Json(GatewayTests.OneOrder("slow")) };
        request.Headers.Add("X-Dynamo-Test-Delay-Ms", delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    [Fact]
    public async Task A_caller_without_a_source_IP_is_401()
    {
        using var unix = Callers.OverUnixSocket(stack.UnixSocketPath, stack.Stack.Gateway.Stage);

        using var response = await unix.GetAsync("datasets");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UnauthorizedException", await ErrorType(response));
    }

    [Fact]
    public async Task Past_the_integration_timeout_the_client_gets_504_and_the_worker_serves_the_next_request()
    {
        await stack.IngestIdleAsync();
        var worker = stack.Stack.Workers.WorkerProcessIds("IngestFunction").Single();

        using (var slow = SlowPost(GatewayLimitsFixture.IntegrationTimeoutMs + 1500))
        using (var response = await stack.Http.SendAsync(slow))
        {
            Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
            Assert.Equal("TimeoutException", await ErrorType(response));
        }

        // The late answer is dropped; the same sandbox, once its invocation ends, answers the next request.
        await stack.IngestIdleAsync();
        using var next = await stack.Http.PostAsync(Rows, GatewayTests.Json(GatewayTests.OneOrder("after-timeout")));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal([worker], stack.Stack.Workers.WorkerProcessIds("IngestFunction"));
    }

    [Fact]
    public async Task An_unexpected_exception_in_the_function_is_the_contracts_JSON_500_and_the_worker_serves_the_next_request()
    {
        await stack.IngestIdleAsync();
        using var failing = new HttpRequestMessage(HttpMethod.Post, Rows) { Content = GatewayTests.Json(GatewayTests.OneOrder("fault")) };
        failing.Headers.Add("X-Dynamo-Test-Fault", "throw");

        using (var response = await stack.Http.SendAsync(failing))
        {
            // The body byte for byte (camelCase, the message unescaped), as either Lambda layer must write it.
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(
                """{"message":"The request failed unexpectedly; resend it with backoff (rows are idempotent).","type":"InternalServerErrorException"}""",
                await response.Content.ReadAsStringAsync());
            Assert.Equal("InternalServerErrorException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        }
        // The function logged the whole exception, and its sandbox lives on.
        Assert.Contains("X-Dynamo-Test-Fault: throw asked PostRows to fail unexpectedly", stack.Console, StringComparison.Ordinal);
        await stack.IngestIdleAsync();
        using var next = await stack.Http.PostAsync(Rows, GatewayTests.Json(GatewayTests.OneOrder("after-fault")));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Beyond_the_reserved_concurrency_an_invocation_is_throttled_and_the_client_gets_503_with_Retry_After()
    {
        await stack.IngestIdleAsync();
        using var slow = SlowPost(3000);
        var busy = stack.Http.SendAsync(slow);
        await GatewayTests.Eventually(() => stack.Stack.Workers.RunningInvocations("IngestFunction") == 1);

        using (var response = await stack.Http.PostAsync(Rows, GatewayTests.Json(GatewayTests.OneOrder("refused"))))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
            Assert.Equal("ServiceUnavailableException", await ErrorType(response));
        }

        // The invocation that held the only slot answers (200, or 504 on a machine too busy for the timeout).
        (await busy).Dispose();
        await stack.IngestIdleAsync();
    }

    [Fact]
    public async Task Past_the_stage_burst_requests_are_429_with_Retry_After_and_the_bucket_refills()
    {
        var burst = Enumerable.Range(0, 3 * GatewayLimitsFixture.BurstLimit).Select(_ => stack.Http.GetAsync("nowhere-but-throttled/../health"));
        var responses = await Task.WhenAll(burst);
        try
        {
            var throttled = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.NotEmpty(throttled);
            Assert.All(throttled, r => Assert.Equal("1", r.Headers.GetValues("Retry-After").Single()));
            Assert.Equal("ThrottledException", await ErrorType(throttled[0]));
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
            await stack.BucketRefilledAsync();
        }
    }
}
