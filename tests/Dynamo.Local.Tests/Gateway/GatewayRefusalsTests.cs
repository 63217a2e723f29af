using System.Net;
using System.Text.Json;
using Dynamo.Local.Gateway.Events;
using Dynamo.Local.Gateway;
using Dynamo.Local.Store;
using Dynamo.Local.Template;
using Dynamo.Local.Workers;

namespace Dynamo.Local.Tests.Gateway;

/// <summary>What the gateway answers itself, with template.yaml's gateway responses and a scripted authorizer and function.</summary>
public sealed class GatewayRefusalsTests : IAsyncDisposable
{
    private static readonly StackTemplate Template = StackTemplateReader.Read(Path.Combine(RepositoryRoot.Find(), "template.yaml"));

    private readonly ScriptedFunctions _functions = new();
    private readonly HttpClient _http = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _console = new();
    private ApiGateway? _gateway;

    private async Task<ApiGateway> StartAsync(Func<GatewayOptions, GatewayOptions>? change = null)
    {
        var options = GatewayOptions.From(Template, port: 0);
        _gateway = await ApiGateway.StartAsync(change is null ? options : change(options), _functions, _console.Enqueue);
        _http.BaseAddress = new Uri(_gateway.BaseUrl + "/");
        return _gateway;
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        _http.Dispose();
    }

    private static async Task<string> ErrorType(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString()!;

    /// <summary>The template's INTEGRATION_FAILURE response: 503, Retry-After 1, ServiceUnavailableException.</summary>
    private static async Task AssertIntegrationFailure(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("ServiceUnavailableException", await ErrorType(response));
    }

    [Fact]
    public async Task An_allowed_caller_reaches_the_function_with_the_authorizers_principal_and_its_policy_is_cached()
    {
        await StartAsync();

        using (var first = await _http.GetAsync("datasets")) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await _http.GetAsync("datasets")) Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        Assert.Equal(1, _functions.AuthorizerCalls);
        var authorizerEvent = _functions.LastAuthorizerEvent!;
        Assert.Equal("REQUEST", authorizerEvent.Type);
        Assert.Equal("127.0.0.1", authorizerEvent.RequestContext!.Identity!.SourceIp);
        Assert.EndsWith("/dev/GET/datasets", authorizerEvent.MethodArn, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", _functions.LastEvent!.RequestContext!.Authorizer!["principalId"].GetString());
    }

    [Fact]
    public async Task A_deny_policy_is_the_templates_403_and_the_function_never_runs()
    {
        _functions.Allow = false;
        await StartAsync();

        using var response = await _http.GetAsync("datasets");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("AccessDeniedException", await ErrorType(response));
        Assert.Null(_functions.LastEvent);
    }

    [Fact]
    public async Task An_authorizer_failing_with_Unauthorized_is_401_and_is_not_cached()
    {
        _functions.AuthorizerError = "Unauthorized";
        await StartAsync();

        using (var first = await _http.GetAsync("datasets")) Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        using var second = await _http.GetAsync("datasets");

        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal("UnauthorizedException", await ErrorType(second));
        Assert.Equal(2, _functions.AuthorizerCalls);
    }

    [Fact]
    public async Task An_authorizer_failing_otherwise_is_a_500_with_a_json_body()
    {
        _functions.AuthorizerError = "boom";
        await StartAsync();

        using var response = await _http.GetAsync("datasets");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("InternalServerErrorException", await ErrorType(response));
    }

    [Fact]
    public async Task Health_skips_the_authorizer()
    {
        _functions.Allow = false;
        await StartAsync();

        using var response = await _http.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, _functions.AuthorizerCalls);
    }

    [Fact]
    public async Task An_empty_token_bucket_is_429_with_the_templates_Retry_After()
    {
        // A bucket of 2 that refills once in 1,000 s: the third request finds it empty.
        await StartAsync(options => options with { Throttling = new StageThrottling(0.001, 2) });

        for (var i = 0; i < 2; i++)
            using (var admitted = await _http.GetAsync("health")) Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        using var response = await _http.GetAsync("health");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("ThrottledException", await ErrorType(response));
    }

    [Fact]
    public async Task A_refused_invocation_is_the_templates_INTEGRATION_FAILURE_503_with_Retry_After()
    {
        _functions.Refuse = true;
        await StartAsync();

        using var response = await _http.GetAsync("health");

        await AssertIntegrationFailure(response);
    }

    [Fact]
    public async Task No_answer_within_the_integration_timeout_is_504()
    {
        _functions.Hang = true;
        var routes = Template.Routes.Select(route => route with { IntegrationTimeout = TimeSpan.FromMilliseconds(200) });
        await StartAsync(options => options with { Routes = new RouteTable(routes) });

        using var response = await _http.GetAsync("health");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("TimeoutException", await ErrorType(response));
    }

    [Fact]
    public async Task A_function_error_is_502_under_the_templates_DEFAULT_5XX()
    {
        _functions.FunctionError = true;
        await StartAsync();

        using var response = await _http.GetAsync("health");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("InternalServerErrorException", await ErrorType(response));
        Assert.Contains("Internal server error", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("disposed")]
    public async Task An_invocation_no_worker_could_take_is_the_templates_INTEGRATION_FAILURE_503_not_a_bare_500(string failure)
    {
        // A worker that did not start in time (TimeoutException, which must not pass for the integration timeout),
        // or a stack stopping under the request.
        _functions.Throws = failure == "timeout" ? new TimeoutException("the worker did not start") : new ObjectDisposedException("RuntimeApiServer");
        await StartAsync();

        using var response = await _http.GetAsync("health");

        await AssertIntegrationFailure(response);
    }

    [Fact]
    public async Task An_authorizer_no_worker_could_take_is_a_500_with_a_json_body()
    {
        _functions.AuthorizerThrows = new TimeoutException("the worker did not start");
        await StartAsync();

        using var response = await _http.GetAsync("datasets");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("InternalServerErrorException", await ErrorType(response));
        Assert.Null(_functions.LastEvent);
    }

    [Fact]
    public async Task A_failure_of_the_gateway_itself_is_a_json_500_and_is_logged_as_one()
    {
        _functions.ThrowsAtOnce = true;
        await StartAsync();

        using var response = await _http.GetAsync("health");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("InternalServerErrorException", await ErrorType(response));
        Assert.Contains(_console, line => line.Contains("\"status\":500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_route_is_the_templates_404()
    {
        await StartAsync();

        using var response = await _http.GetAsync("nowhere");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFoundException", await ErrorType(response));
        Assert.Equal("MissingAuthenticationTokenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    private sealed class ScriptedFunctions : IFunctionInvoker
    {
        private int _authorizerCalls;
        public int AuthorizerCalls => _authorizerCalls;
        public bool Allow { get; set; } = true;
        public string? AuthorizerError { get; set; }
        public bool Refuse { get; set; }
        public bool Hang { get; set; }
        public bool FunctionError { get; set; }
        /// <summary>The invoker itself fails (no worker could start, the stack is stopping).</summary>
        public Exception? Throws { get; set; }
        public Exception? AuthorizerThrows { get; set; }
        /// <summary>A bug: the invoker throws instead of returning a task.</summary>
        public bool ThrowsAtOnce { get; set; }
        public APIGatewayCustomAuthorizerRequest? LastAuthorizerEvent { get; private set; }
        public APIGatewayProxyRequest? LastEvent { get; private set; }

        public Task<InvocationResult> InvokeAsync(string functionLogicalId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            if (functionLogicalId == "AuthorizerFunction")
            {
                Interlocked.Increment(ref _authorizerCalls);
                if (AuthorizerThrows is { } failure)
                    return Task.FromException<InvocationResult>(failure);
                var request = JsonSerializer.Deserialize(payload.Span, APIGatewayJsonContext.Default.APIGatewayCustomAuthorizerRequest)!;
                LastAuthorizerEvent = request;
                if (AuthorizerError is { } message)
                    return Task.FromResult(new InvocationResult { RequestId = "a", Error = new() { ErrorType = "Exception", ErrorMessage = message } });
                var policy = new APIGatewayCustomAuthorizerResponse
                {
                    PrincipalId = request.RequestContext!.Identity!.SourceIp!,
                    PolicyDocument = new() { Statement = [new() { Effect = Allow ? "Allow" : "Deny", Resource = [request.MethodArn![..request.MethodArn!.IndexOf("/dev/", StringComparison.Ordinal)] + "/dev/*/*"] }] },
                };
                return Task.FromResult(new InvocationResult { RequestId = "a", Response = JsonSerializer.SerializeToUtf8Bytes(policy, APIGatewayJsonContext.Default.APIGatewayCustomAuthorizerResponse) });
            }

            if (ThrowsAtOnce) throw new InvalidOperationException("a bug in the invoker");
            LastEvent = JsonSerializer.Deserialize(payload.Span, APIGatewayJsonContext.Default.APIGatewayProxyRequest);
            if (Hang) return new TaskCompletionSource<InvocationResult>().Task;
            if (Throws is { } thrown) return Task.FromException<InvocationResult>(thrown);
            if (Refuse) return Task.FromResult(InvocationResult.Refused(Dynamo.Local.Workers.FunctionError.Throttled, "Rate Exceeded."));
            if (FunctionError) return Task.FromResult(new InvocationResult { RequestId = "f", Error = new() { ErrorType = "Exception", ErrorMessage = "boom" } });
            var answer = new APIGatewayProxyResponse { StatusCode = 200, Body = "{}" };
            return Task.FromResult(new InvocationResult { RequestId = "f", Response = JsonSerializer.SerializeToUtf8Bytes(answer, APIGatewayJsonContext.Default.APIGatewayProxyResponse) });
        }
    }
}
