using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dynamo.Lambda.Events;
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
/// The API Gateway REST API of the template on 127.0.0.1: routes under <c>/{stage}</c>, each request turned into a
/// proxy integration event, the route's function invoked through its workers, the function's answer mapped
/// back, and one access-log line per request.
/// </summary>
public sealed class ApiGateway : IAsyncDisposable
{
    /// <summary>API Gateway's payload limit for REST APIs: 10 MB.</summary>
    public const int MaxRequestBytes = 10 * 1024 * 1024;

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

    /// <param name="port">0 picks a free port.</param>
    /// <param name="console">Where the access-log lines go.</param>
    public static async Task<ApiGateway> StartAsync(int port, string stage, RouteTable routes, IFunctionInvoker functions,
        Action<string> console, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var requests = new Requests(stage, routes, functions, console, clock ?? TimeProvider.System);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // API Gateway's limit is answered below, with its JSON body
            kestrel.Listen(IPAddress.Loopback, port);
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
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ApiGateway(app, new Uri(new Uri(address).GetLeftPart(UriPartial.Authority)), stage);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class Requests(string stage, RouteTable routes, IFunctionInvoker functions, Action<string> console, TimeProvider clock)
    {
        private readonly string _prefix = "/" + stage;

        public async Task HandleAsync(HttpContext http)
        {
            var started = Stopwatch.GetTimestamp();
            var requestId = Guid.NewGuid().ToString();
            http.Response.Headers["x-amzn-RequestId"] = requestId;
            try
            {
                await AnswerAsync(http, requestId).ConfigureAwait(false);
            }
            finally
            {
                console(new AccessLogEntry(requestId, ProxyEvent.SourceIp(http.Connection.RemoteIpAddress), http.Request.Method,
                    http.Request.Path.Value ?? "/", http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds).ToJsonLine());
            }
        }

        private async Task AnswerAsync(HttpContext http, string requestId)
        {
            var cancellationToken = http.RequestAborted;
            var path = http.Request.Path.Value ?? "/";
            var below = path.StartsWith(_prefix + "/", StringComparison.Ordinal) ? path[_prefix.Length..] : path == _prefix ? "/" : null;
            if (below is null || routes.Match(http.Request.Method, below) is not { } match)
            {
                await GatewayResponse.UnknownRoute(http.Request.Method, path).WriteAsync(http.Response, cancellationToken).ConfigureAwait(false);
                return;
            }

            var body = await ReadBodyAsync(http.Request, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                await GatewayResponse.RequestTooLarge(MaxRequestBytes).WriteAsync(http.Response, cancellationToken).ConfigureAwait(false);
                return;
            }

            var proxyEvent = ProxyEvent.Create(http, match, stage, requestId, clock.GetUtcNow(), body);
            var payload = JsonSerializer.SerializeToUtf8Bytes(proxyEvent, APIGatewayJsonContext.Default.APIGatewayProxyRequest);
            // The client hanging up does not stop a Lambda invocation: it runs to its end, its answer unread.
            var result = await functions.InvokeAsync(match.Route.FunctionLogicalId, payload, CancellationToken.None).ConfigureAwait(false);
            if (result.Error is { } error)
            {
                await GatewayResponse.FunctionFailed(error.ErrorType).WriteAsync(http.Response, cancellationToken).ConfigureAwait(false);
                return;
            }
            if (ProxyResponse.Parse(result.Response) is not { } response)
            {
                await GatewayResponse.MalformedResponse().WriteAsync(http.Response, cancellationToken).ConfigureAwait(false);
                return;
            }
            await ProxyResponse.WriteAsync(http.Response, response, cancellationToken).ConfigureAwait(false);
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
