using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dynamo.Contracts;
using Dynamo.Local.Gateway.Events;
using Dynamo.Local.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dynamo.Local.Gateway;

/// <summary>
/// The API Gateway REST API of the template on 127.0.0.1, in API Gateway's order: the request line and headers
/// within API Gateway's 10,240 bytes (414/431), the route (404), for a route that requires one the API key (403), its
/// usage plan's token bucket (429) and quota (429) (<see cref="ApiKeyGate"/>), then the stage's token bucket (429),
/// as "How throttling limit settings are applied" orders them (the usage plan's per-client limits before the stage's),
/// the 10 MB body limit (413), the Lambda authorizer (401/403), then the route's function
/// invoked through its workers within the integration timeout (504), its refusal (the template's
/// INTEGRATION_FAILURE), error or malformed answer (502) mapped as API Gateway maps them, and one access-log line
/// per request. Every failure is answered with the template's gateway responses, and so is a client's broken
/// HTTP framing (400/408), which is never the gateway's own 500.
/// </summary>
public sealed class ApiGateway : IAsyncDisposable
{
    /// <summary>API Gateway's payload limit for REST APIs: 10 MB.</summary>
    public const int MaxRequestBytes = 10 * 1024 * 1024;

    /// <summary>The local-only header that says which bucket refused a THROTTLED request (<see cref="GatewayResponse.Limit"/>).</summary>
    public const string ThrottledByHeader = "x-dynamo-throttled-by";

    private readonly WebApplication _app;

    private ApiGateway(WebApplication app, Uri endpoint, string stage)
    {
        _app = app;
        Endpoint = endpoint;
        Stage = stage;
    }

    /// <summary>http://127.0.0.1:PORT</summary>
    public Uri Endpoint { get; }
    public string Stage { get; }
    /// <summary>The API's base URL: http://127.0.0.1:PORT/STAGE</summary>
    public Uri BaseUrl => new(Endpoint, Stage);

    /// <param name="console">Where the access-log lines go.</param>
    public static async Task<ApiGateway> StartAsync(GatewayOptions options, IFunctionInvoker functions,
        Action<string> console, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        clock ??= TimeProvider.System;
        var throttle = options.Throttling is { } throttling ? new RequestBucket(throttling, clock) : null;
        var keys = new ApiKeyGate(options.ApiKeys, options.UsagePlans, clock, options.QuotaPeriod);
        var authorizer = options.Authorizer is { } definition ? new LambdaAuthorizer(definition, functions, clock) : null;
        var requests = new Requests(options, throttle, keys, authorizer, functions, console, clock);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // API Gateway's limit is answered below, with its gateway response
            // API Gateway's quota on the request line and headers is answered below too (HeaderQuota).
            kestrel.Limits.MaxRequestLineSize = HeaderQuota.KestrelLimitBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = HeaderQuota.KestrelLimitBytes;
            kestrel.Limits.MaxRequestHeaderCount = HeaderQuota.KestrelMaxHeaderCount;
            kestrel.Listen(IPAddress.Loopback, options.Port);
            if (options.UnixSocketPath is { } socket)
                kestrel.ListenUnixSocket(socket);
        });
        var app = builder.Build();
        app.Run(requests.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .First(address => address.StartsWith("http://127.0.0.1", StringComparison.Ordinal));
        return new ApiGateway(app, new Uri(new Uri(address).GetLeftPart(UriPartial.Authority)), options.Stage);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>What one request's access-log line says beyond its status: the API key's id and the gateway response that refused it.</summary>
    private sealed class Decision
    {
        public string? ApiKeyId { get; set; }
        public GatewayResponse? Refusal { get; set; }
        public string? Function { get; set; }
        public double? IntegrationLatencyMs { get; set; }
        public string? IntegrationRequestId { get; set; }
    }

    private sealed class Requests(GatewayOptions options, RequestBucket? throttle, ApiKeyGate keys, LambdaAuthorizer? authorizer,
        IFunctionInvoker functions, Action<string> console, TimeProvider clock)
    {
        private readonly string _prefix = "/" + options.Stage;

        public async Task HandleAsync(HttpContext http)
        {
            var started = Stopwatch.GetTimestamp();
            // requestContext.requestTime: when the request arrived, which the function's budget counts from.
            var received = clock.GetUtcNow();
            var requestId = Guid.NewGuid().ToString();
            http.Response.Headers["x-amzn-RequestId"] = requestId;
            var decision = new Decision();
            try
            {
                if (await AnswerAsync(http, requestId, received, decision).ConfigureAwait(false) is { } refusal)
                    await RefuseAsync(http, refusal, requestId, decision, http.RequestAborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (!http.Response.HasStarted)
            {
                // The client's framing, found while reading the body: its 4xx, as API Gateway answers it.
                await RefuseAsync(http, GatewayResponse.MalformedRequest(e.StatusCode, FramingMessage(e)), requestId, decision, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
            {
                // The emulator's own failure: answered as API Gateway answers its own (a JSON 500), not Kestrel's
                // empty one, and logged with the status the caller got.
                console($"gateway: {requestId}: {e}");
                await RefuseAsync(http, GatewayResponse.InternalFailure(), requestId, decision, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                // The key's id, never its value (which stays between the client and the gateway).
                var entry = new AccessLogEntry(requestId, ProxyEvent.SourceIp(http.Connection.RemoteIpAddress), http.Request.Method,
                    http.Request.Path.Value ?? "/", http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds)
                {
                    RequestTime = received,
                    ApiKeyId = decision.ApiKeyId,
                    ErrorType = decision.Refusal?.ResponseType,
                    Limit = decision.Refusal?.Limit,
                    IntegrationLatencyMs = decision.IntegrationLatencyMs,
                    IntegrationRequestId = decision.IntegrationRequestId,
                };
                console(entry.ToJsonLine());
                options.Observer?.Invoke(new ObservedRequest(entry, options.Stage, decision.Function));
            }
        }

        private Task RefuseAsync(HttpContext http, GatewayResponse refusal, string requestId, Decision decision, CancellationToken cancellationToken)
        {
            decision.Refusal = refusal;
            if (refusal.Limit is { } limit)
                http.Response.Headers[ThrottledByHeader] = limit;
            return options.Responses.WriteAsync(http.Response, refusal, requestId, cancellationToken);
        }

        private static string FramingMessage(BadHttpRequestException e) => e.StatusCode == StatusCodes.Status408RequestTimeout
            ? "Request Timeout: the body stopped arriving before its end (does the Content-Length promise more bytes than are sent?)"
            : $"Bad Request: the request's HTTP framing is malformed ({e.Message.TrimEnd('.')})";

        /// <summary>Answers with the function's response, or returns the gateway response that refuses the request.</summary>
        private async Task<GatewayResponse?> AnswerAsync(HttpContext http, string requestId, DateTimeOffset received, Decision decision)
        {
            var cancellationToken = http.RequestAborted;
            if (HeaderQuota.Refusal(http.Request) is { } overQuota)
                return overQuota;
            var path = http.Request.Path.Value ?? "/";
            var below = path.StartsWith(_prefix + "/", StringComparison.Ordinal) ? path[_prefix.Length..] : path == _prefix ? "/" : null;
            if (below is null || options.Routes.Match(http.Request.Method, below) is not { } match)
                return GatewayResponse.UnknownRoute();
            decision.Function = match.Route.FunctionLogicalId;
            if (match.Route.ApiKeyRequired)
            {
                var key = keys.Admit(http.Request.Headers[ApiKeyGate.HeaderName].FirstOrDefault());
                decision.ApiKeyId = key.KeyId;
                if (key.Refusal is { } refused)
                    return refused;
            }
            // The stage's bucket sees only what the key's plan admitted, so a client over its plan spends no one else's share.
            if (throttle?.TryAdmit() == false)
                return GatewayResponse.Throttled(GatewayResponse.StageLimit);

            var body = await ReadBodyAsync(http.Request, cancellationToken).ConfigureAwait(false);
            if (body is null)
                return GatewayResponse.RequestTooLarge();

            IReadOnlyDictionary<string, JsonElement>? authorized = null;
            if (authorizer is not null && match.Route.RequiresAuthorization)
            {
                var request = ProxyEvent.Create(http, match, options.Stage, requestId, received, ReadOnlyMemory<byte>.Empty);
                var verdict = await authorizer.AuthorizeAsync(request, LambdaAuthorizer.MethodArn(options.Stage, http.Request.Method, below)).ConfigureAwait(false);
                if (verdict.Refusal is { } refusal)
                    return refusal;
                authorized = verdict.Context;
            }

            var proxyEvent = ProxyEvent.Create(http, match, options.Stage, requestId, received, body, authorized);
            // Escaped as API Gateway escapes (only what JSON requires), so the event is the size Lambda would count.
            var payload = MinimalJsonEscaping.SerializeToUtf8Bytes(proxyEvent, APIGatewayJsonContext.Default.APIGatewayProxyRequest);
            var integrationStarted = Stopwatch.GetTimestamp();
            // The client hanging up does not stop a Lambda invocation: it runs to its end, its answer unread.
            var invocation = functions.InvokeAsync(match.Route.FunctionLogicalId, payload, CancellationToken.None);
            InvocationResult result;
            try
            {
                result = await invocation.WaitAsync(match.Route.IntegrationTimeout, clock, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException) when (!invocation.IsCompleted)
            {
                // API Gateway stops waiting; the function runs on in its sandbox and its late answer is dropped.
                _ = invocation.ContinueWith(late => late.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                return GatewayResponse.IntegrationTimedOut(match.Route.IntegrationTimeout);
            }
            catch (Exception e) when (invocation.IsFaulted || invocation.IsCanceled)
            {
                // No sandbox could take the invocation (a worker that did not start, a stack stopping): Lambda's
                // invoke failed, which API Gateway answers as INTEGRATION_FAILURE, never a bare 500 without a body.
                console($"gateway: {requestId}: {match.Route.FunctionLogicalId} could not be invoked ({e.GetType().Name}: {e.Message})");
                return GatewayResponse.InvocationRefused();
            }
            finally
            {
                decision.IntegrationLatencyMs = Stopwatch.GetElapsedTime(integrationStarted).TotalMilliseconds;
            }

            if (result.Rejected)
                return GatewayResponse.InvocationRefused();
            decision.IntegrationRequestId = result.RequestId;
            if (result.Error is not null)
                return GatewayResponse.FunctionFailed();
            if (ProxyResponse.Parse(result.Response) is not { } response)
                return GatewayResponse.MalformedResponse();
            await ProxyResponse.WriteAsync(http.Response, response, cancellationToken).ConfigureAwait(false);
            return null;
        }

        /// <summary>The whole body, or null when it is over <see cref="MaxRequestBytes"/>.</summary>
        private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
        {
            if (request.ContentLength > MaxRequestBytes) return null;
            using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 16 * 1024);
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxRequestBytes) return null;
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
    }
}
