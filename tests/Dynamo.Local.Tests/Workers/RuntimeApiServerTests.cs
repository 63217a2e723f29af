using System.Net;
using System.Text;
using Dynamo.Local.Workers;
using Microsoft.Extensions.Time.Testing;

namespace Dynamo.Local.Tests.Workers;

/// <summary>The runtime API server spoken to as a runtime would, with plain HTTP.</summary>
public sealed class RuntimeApiServerTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private RuntimeApiServer _server = null!;
    private readonly HttpClient _runtime = new() { Timeout = Patience };

    public async Task InitializeAsync()
    {
        _server = await RuntimeApiServer.StartAsync(new RuntimeApiServerOptions { MaxResponseBytes = 1024 });
        _runtime.BaseAddress = new Uri($"http://{_server.RuntimeApi}/2018-06-01/runtime/");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _runtime.Dispose();

    private Task<InvocationResult> Invoke(string payload, DateTimeOffset? deadline = null, InvocationHeaders? headers = null) =>
        _server.InvokeAsync(Encoding.UTF8.GetBytes(payload), deadline ?? DateTimeOffset.UtcNow.AddMinutes(1), headers);

    private static string Header(HttpResponseMessage response, string name) => string.Join(",", response.Headers.GetValues(name));

    [Fact]
    public async Task Next_waits_for_an_invocation_and_hands_it_over_with_the_documented_headers()
    {
        var next = _runtime.GetAsync("invocation/next");
        await _server.FirstPoll.WaitAsync(Patience);
        Assert.False(next.IsCompleted);

        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_000_000);
        var invocation = Invoke("""{"hello":1}""", deadline, new InvocationHeaders
        {
            TraceId = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
            ClientContext = """{"client":{}}""",
            CognitoIdentity = """{"cognitoIdentityId":"x"}""",
        });
        using var response = await next.WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"hello":1}""", await response.Content.ReadAsStringAsync());
        Assert.True(Guid.TryParse(Header(response, "Lambda-Runtime-Aws-Request-Id"), out _));
        Assert.Equal("1900000000000", Header(response, "Lambda-Runtime-Deadline-Ms"));
        Assert.Equal(new RuntimeApiServerOptions().FunctionArn, Header(response, "Lambda-Runtime-Invoked-Function-Arn"));
        Assert.Equal("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1", Header(response, "Lambda-Runtime-Trace-Id"));
        Assert.Equal("""{"client":{}}""", Header(response, "Lambda-Runtime-Client-Context"));
        Assert.Equal("""{"cognitoIdentityId":"x"}""", Header(response, "Lambda-Runtime-Cognito-Identity"));
        Assert.False(invocation.IsCompleted);
    }

    [Fact]
    public async Task A_posted_response_completes_the_invocation_with_its_bytes()
    {
        var invocation = Invoke("{}");
        using var next = await _runtime.GetAsync("invocation/next");
        var id = Header(next, "Lambda-Runtime-Aws-Request-Id");
        Assert.StartsWith("Root=1-", Header(next, "Lambda-Runtime-Trace-Id"));

        using var posted = await _runtime.PostAsync($"invocation/{id}/response", new StringContent("""{"statusCode":200}"""));
        var result = await invocation.WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.True(result.Succeeded);
        Assert.Equal(id, result.RequestId);
        Assert.Equal("""{"statusCode":200}""", Encoding.UTF8.GetString(result.Response.Span));
    }

    [Fact]
    public async Task A_posted_error_reaches_the_invoker_with_its_error_type_header()
    {
        var invocation = Invoke("{}");
        using var next = await _runtime.GetAsync("invocation/next");
        var id = Header(next, "Lambda-Runtime-Aws-Request-Id");
        using var body = new StringContent("""{"errorMessage":"Unauthorized","errorType":"UnauthorizedException","stackTrace":["at A","at B"]}""");
        body.Headers.Add("Lambda-Runtime-Function-Error-Type", "Function.Unhandled");

        using var posted = await _runtime.PostAsync($"invocation/{id}/error", body);
        var result = await invocation.WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.NotNull(result.Error);
        Assert.Equal("Function.Unhandled", result.Error.Category);
        Assert.Equal("UnauthorizedException", result.Error.ErrorType);
        Assert.Equal("Unauthorized", result.Error.ErrorMessage);
        Assert.Equal(["at A", "at B"], result.Error.StackTrace);
    }

    [Fact]
    public async Task An_init_error_completes_InitError_and_fails_the_waiting_invocation()
    {
        var invocation = Invoke("{}");
        using var body = new StringContent("""{"errorMessage":"No handler is named 'x'.","errorType":"NoSuchHandlerException"}""");
        body.Headers.Add("Lambda-Runtime-Function-Error-Type", "Runtime.NoSuchHandler");

        using var posted = await _runtime.PostAsync("init/error", body);
        var error = await _server.InitError.WaitAsync(Patience);
        var result = await invocation.WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal("Runtime.NoSuchHandler", error.Category);
        Assert.Equal("No handler is named 'x'.", error.ErrorMessage);
        Assert.Same(error, result.Error);
    }

    [Fact]
    public async Task An_invocation_not_answered_by_its_deadline_ends_as_timed_out()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await RuntimeApiServer.StartAsync(new RuntimeApiServerOptions { Clock = clock });
        using var runtime = new HttpClient { BaseAddress = new Uri($"http://{server.RuntimeApi}/2018-06-01/runtime/"), Timeout = Patience };
        var invocation = server.InvokeAsync("{}"u8.ToArray(), clock.GetUtcNow().AddSeconds(3));
        using var next = await runtime.GetAsync("invocation/next");
        var id = Header(next, "Lambda-Runtime-Aws-Request-Id");

        clock.Advance(TimeSpan.FromSeconds(3));
        var result = await invocation.WaitAsync(Patience);
        using var late = await runtime.PostAsync($"invocation/{id}/response", new StringContent("{}"));

        Assert.Equal(FunctionError.TimedOut, result.Error?.ErrorType);
        Assert.EndsWith("Task timed out after 3.00 seconds", result.Error?.ErrorMessage);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
    }

    [Fact]
    public async Task A_response_over_the_size_limit_is_refused_with_413_and_fails_the_invocation()
    {
        var invocation = Invoke("{}");
        using var next = await _runtime.GetAsync("invocation/next");
        var id = Header(next, "Lambda-Runtime-Aws-Request-Id");

        using var posted = await _runtime.PostAsync($"invocation/{id}/response", new StringContent(new string('x', 1025)));
        var result = await invocation.WaitAsync(Patience);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, posted.StatusCode);
        Assert.Equal(FunctionError.ResponseSizeTooLarge, result.Error?.ErrorType);
    }

    [Fact]
    public async Task An_answer_for_an_unknown_request_id_is_refused()
    {
        using var posted = await _runtime.PostAsync("invocation/not-a-request/response", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("InvalidRequestID", await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invocations_are_handed_out_in_order()
    {
        var first = Invoke("1");
        var second = Invoke("2");

        using var a = await _runtime.GetAsync("invocation/next");
        using var answerA = await _runtime.PostAsync($"invocation/{Header(a, "Lambda-Runtime-Aws-Request-Id")}/response", new StringContent("a"));
        using var b = await _runtime.GetAsync("invocation/next");
        using var answerB = await _runtime.PostAsync($"invocation/{Header(b, "Lambda-Runtime-Aws-Request-Id")}/response", new StringContent("b"));

        Assert.Equal("1", await a.Content.ReadAsStringAsync());
        Assert.Equal("2", await b.Content.ReadAsStringAsync());
        Assert.Equal("a", Encoding.UTF8.GetString((await first.WaitAsync(Patience)).Response.Span));
        Assert.Equal("b", Encoding.UTF8.GetString((await second.WaitAsync(Patience)).Response.Span));
    }
}
