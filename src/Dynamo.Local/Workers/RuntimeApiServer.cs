using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dynamo.Local.Workers;

/// <summary>
/// The Lambda runtime API (2018-06-01) on 127.0.0.1, as Lambda serves it to a function's runtime process:
/// invocations queue until the runtime long-polls <c>/next</c>; its <c>/response</c> or <c>/error</c>
/// completes <see cref="InvokeAsync"/>. Point a runtime at it with
/// <c>AWS_LAMBDA_RUNTIME_API=</c><see cref="RuntimeApi"/>. Several runtimes may poll one server.
/// </summary>
public sealed class RuntimeApiServer : IAsyncDisposable
{
    private const string Base = "/2018-06-01/runtime";

    private readonly WebApplication _app;
    private readonly RuntimeApiServerOptions _options;
    private readonly Channel<PendingInvocation> _queue = Channel.CreateUnbounded<PendingInvocation>();
    private readonly ConcurrentDictionary<string, PendingInvocation> _running = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _firstPoll = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<FunctionError> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RuntimeApiServer(WebApplication app, RuntimeApiServerOptions options)
    {
        _app = app;
        _options = options;
    }

    /// <summary>host:port, the value of <c>AWS_LAMBDA_RUNTIME_API</c> for the runtime.</summary>
    public string RuntimeApi { get; private set; } = "";

    /// <summary>Completes when a runtime first asks for an event: it has finished its start-up.</summary>
    public Task FirstPoll => _firstPoll.Task;

    /// <summary>Completes when a runtime reports <c>/runtime/init/error</c>.</summary>
    public Task<FunctionError> InitError => _initError.Task;

    public static async Task<RuntimeApiServer> StartAsync(RuntimeApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RuntimeApiServerOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.Limits.MaxRequestBodySize = null; // the response limit is Lambda's, enforced below
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        var server = new RuntimeApiServer(app, options);
        app.MapGet($"{Base}/invocation/next", server.NextAsync);
        app.MapPost(Base + "/invocation/{requestId}/response", server.ResponseAsync);
        app.MapPost(Base + "/invocation/{requestId}/error", server.ErrorAsync);
        app.MapPost($"{Base}/init/error", server.InitErrorAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.RuntimeApi = new Uri(address).Authority;
        return server;
    }

    /// <summary>
    /// Queues one invocation and waits for the runtime's answer. At <paramref name="deadline"/> it ends as
    /// <see cref="FunctionError.TimedOut"/>, as Lambda does (the caller decides what to do with the process).
    /// </summary>
    public Task<InvocationResult> InvokeAsync(ReadOnlyMemory<byte> payload, DateTimeOffset deadline,
        InvocationHeaders? headers = null, CancellationToken cancellationToken = default)
    {
        var invocation = new PendingInvocation(Guid.NewGuid().ToString(), payload, deadline, headers ?? new InvocationHeaders());
        var clock = _options.Clock;
        var left = deadline - clock.GetUtcNow();
        // Timers reach about 49 days; a deadline beyond that is as good as none.
        if (left < TimeSpan.FromDays(49))
        {
            invocation.Timeout = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, clock);
            invocation.Timeout.Token.Register(() => Finish(invocation, error: new FunctionError
            {
                ErrorType = FunctionError.TimedOut,
                ErrorMessage = string.Create(CultureInfo.InvariantCulture, $"{invocation.RequestId} Task timed out after {Math.Max(left.TotalSeconds, 0):0.00} seconds"),
            }));
        }
        invocation.Cancellation = cancellationToken.Register(() =>
        {
            _running.TryRemove(invocation.RequestId, out _);
            invocation.Completion.TrySetCanceled(cancellationToken);
        });
        if (!_queue.Writer.TryWrite(invocation))
            invocation.Completion.TrySetException(new ObjectDisposedException(nameof(RuntimeApiServer)));
        return invocation.Completion.Task;
    }

    private async Task NextAsync(HttpContext http)
    {
        _firstPoll.TrySetResult();
        PendingInvocation invocation;
        do
        {
            // Long poll: the runtime's request waits here until an event comes.
            try
            {
                invocation = await _queue.Reader.ReadAsync(http.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
            {
                return;
            }
        } while (invocation.Completion.Task.IsCompleted);

        _running[invocation.RequestId] = invocation;
        var headers = http.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = _options.FunctionArn;
        headers["Lambda-Runtime-Trace-Id"] = invocation.Headers.TraceId ?? NewTraceId(_options.Clock);
        if (invocation.Headers.ClientContext is { } clientContext) headers["Lambda-Runtime-Client-Context"] = clientContext;
        if (invocation.Headers.CognitoIdentity is { } identity) headers["Lambda-Runtime-Cognito-Identity"] = identity;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = invocation.Payload.Length;
        await http.Response.Body.WriteAsync(invocation.Payload, http.RequestAborted).ConfigureAwait(false);
    }

    private async Task ResponseAsync(HttpContext http)
    {
        if (!TryTakeRunning(http, out var invocation))
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, "InvalidRequestID", "No invocation with this request ID is waiting for an answer.").ConfigureAwait(false);
            return;
        }
        var body = await ReadBodyAsync(http.Request, _options.MaxResponseBytes).ConfigureAwait(false);
        if (body is null)
        {
            var message = $"Response payload size exceeded maximum allowed payload size ({_options.MaxResponseBytes} bytes).";
            Finish(invocation, error: new FunctionError { ErrorType = FunctionError.ResponseSizeTooLarge, ErrorMessage = message });
            await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLarge", message).ConfigureAwait(false);
            return;
        }
        Finish(invocation, response: body);
        await AcceptAsync(http).ConfigureAwait(false);
    }

    private async Task ErrorAsync(HttpContext http)
    {
        if (!TryTakeRunning(http, out var invocation))
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, "InvalidRequestID", "No invocation with this request ID is waiting for an answer.").ConfigureAwait(false);
            return;
        }
        var body = await ReadBodyAsync(http.Request, _options.MaxResponseBytes).ConfigureAwait(false) ?? [];
        Finish(invocation, error: FunctionError.Parse(body, ErrorCategory(http.Request)));
        await AcceptAsync(http).ConfigureAwait(false);
    }

    private async Task InitErrorAsync(HttpContext http)
    {
        var body = await ReadBodyAsync(http.Request, _options.MaxResponseBytes).ConfigureAwait(false) ?? [];
        var error = FunctionError.Parse(body, ErrorCategory(http.Request));
        _initError.TrySetResult(error);
        // Lambda fails the invocation that started the environment with the start-up error.
        foreach (var running in _running.Values) Finish(running, error: error);
        while (_queue.Reader.TryRead(out var queued)) Finish(queued, error: error);
        await AcceptAsync(http).ConfigureAwait(false);
    }

    private bool TryTakeRunning(HttpContext http, out PendingInvocation invocation)
    {
        invocation = null!;
        return http.Request.RouteValues["requestId"] is string id && _running.TryRemove(id, out invocation!);
    }

    private void Finish(PendingInvocation invocation, ReadOnlyMemory<byte> response = default, FunctionError? error = null)
    {
        _running.TryRemove(invocation.RequestId, out _);
        if (invocation.Completion.TrySetResult(new InvocationResult { RequestId = invocation.RequestId, Response = response, Error = error }))
        {
            invocation.Timeout?.Dispose();
            invocation.Cancellation.Dispose();
        }
    }

    /// <summary>The body, or null when it is larger than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string? ErrorCategory(HttpRequest request) =>
        request.Headers.TryGetValue("Lambda-Runtime-Function-Error-Type", out var value) ? value.ToString() : null;

    private static Task AcceptAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status202Accepted;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync("""{"status":"OK"}""", http.RequestAborted);
    }

    private static Task RefuseAsync(HttpContext http, int status, string errorType, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(
            $$"""{"errorMessage":{{System.Text.Json.JsonSerializer.Serialize(message, LocalJsonContext.Default.String)}},"errorType":"{{errorType}}"}""",
            http.RequestAborted);
    }

    /// <summary>An X-Ray trace header: Root=1-{epoch seconds, hex}-{96 random bits};Parent={64 bits};Sampled=0.</summary>
    private static string NewTraceId(TimeProvider clock)
    {
        var seconds = clock.GetUtcNow().ToUnixTimeSeconds();
        var random = Guid.NewGuid().ToString("N");
        return string.Create(CultureInfo.InvariantCulture, $"Root=1-{seconds:x8}-{random[..24]};Parent={random[16..]};Sampled=0");
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        var gone = new ObjectDisposedException(nameof(RuntimeApiServer));
        foreach (var running in _running.Values) running.Completion.TrySetException(gone);
        while (_queue.Reader.TryRead(out var queued)) queued.Completion.TrySetException(gone);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class PendingInvocation(string requestId, ReadOnlyMemory<byte> payload, DateTimeOffset deadline, InvocationHeaders headers)
    {
        public string RequestId { get; } = requestId;
        public ReadOnlyMemory<byte> Payload { get; } = payload;
        public DateTimeOffset Deadline { get; } = deadline;
        public InvocationHeaders Headers { get; } = headers;
        public TaskCompletionSource<InvocationResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public CancellationTokenSource? Timeout { get; set; }
        public CancellationTokenRegistration Cancellation { get; set; }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
[System.Text.Json.Serialization.JsonSerializable(typeof(long))]
internal sealed partial class LocalJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
