using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Dynamo.Lambda.Runtime;

/// <summary>
/// The Lambda runtime API 2018-06-01 at <c>AWS_LAMBDA_RUNTIME_API</c> (host:port). One invocation at a time:
/// the event is read into one buffer that is reused, so a 6 MB event costs no new allocation once the
/// buffer has grown to it.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    private const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    private const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    private const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    private const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    private const string ClientContextHeader = "Lambda-Runtime-Client-Context";
    private const string CognitoIdentityHeader = "Lambda-Runtime-Cognito-Identity";
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private byte[] _payload = new byte[64 * 1024];

    public RuntimeApiClient(string runtimeApi)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        // No timeout: /next is a long poll that waits as long as no event comes.
        var handler = new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary><c>GET /runtime/invocation/next</c>: waits for the next event.</summary>
    public async Task<Invocation> NextAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync("invocation/next", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new HttpRequestException($"The runtime API answered /next with {(int)response.StatusCode}.", null, response.StatusCode);

        var headers = response.Headers;
        var requestId = Header(headers, RequestIdHeader)
            ?? throw new InvalidOperationException($"The runtime API sent an event without {RequestIdHeader}.");
        var deadline = long.TryParse(Header(headers, DeadlineHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;

        var length = await ReadPayloadAsync(response.Content, cancellationToken).ConfigureAwait(false);
        return new Invocation(
            requestId,
            deadline,
            Header(headers, FunctionArnHeader) ?? "",
            Header(headers, TraceIdHeader),
            Header(headers, ClientContextHeader),
            Header(headers, CognitoIdentityHeader),
            _payload.AsMemory(0, length));
    }

    /// <summary><c>POST /runtime/invocation/{id}/response</c>.</summary>
    public async Task SendResponseAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken cancellationToken = default)
    {
        using var content = new ReadOnlyMemoryContent(response);
        content.Headers.ContentType = Json;
        await PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>POST /runtime/invocation/{id}/error</c>: the invocation failed.</summary>
    public Task SendErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken = default) =>
        PostErrorAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    /// <summary><c>POST /runtime/init/error</c>: start-up failed; Lambda then ends this process.</summary>
    public Task SendInitErrorAsync(LambdaError error, CancellationToken cancellationToken = default) =>
        PostErrorAsync("init/error", error, cancellationToken);

    private async Task PostErrorAsync(string path, LambdaError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.LambdaError));
        content.Headers.ContentType = Json;
        content.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.Category);
        await PostAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    private async Task PostAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(path, content, cancellationToken).ConfigureAwait(false);
        // 202 Accepted is success; 400/403/413 mean this response was refused (too large, unknown id).
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"The runtime API refused {path} with {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }
    }

    private async Task<int> ReadPayloadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (content.Headers.ContentLength is { } declared)
            {
                var exact = checked((int)declared);
                Grow(exact, keep: 0);
                await stream.ReadExactlyAsync(_payload.AsMemory(0, exact), cancellationToken).ConfigureAwait(false);
                return exact;
            }

            var length = 0;
            while (true)
            {
                if (length == _payload.Length) Grow(length + 1, keep: length);
                var read = await stream.ReadAsync(_payload.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0) return length;
                length += read;
            }
        }
    }

    private void Grow(int needed, int keep)
    {
        if (_payload.Length >= needed) return;
        var grown = new byte[Math.Max(needed, (int)Math.Min(_payload.Length * 2L, Array.MaxLength))];
        _payload.AsSpan(0, keep).CopyTo(grown);
        _payload = grown;
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose() => _http.Dispose();
}
