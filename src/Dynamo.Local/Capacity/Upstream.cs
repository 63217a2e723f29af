using Microsoft.AspNetCore.Http;

namespace Dynamo.Local.Capacity;

/// <summary>
/// DynamoDB Local behind the proxy: requests go to it with the client's headers (its SigV4 Authorization
/// included: DynamoDB Local reads the credentials but never checks signatures, so a shortened batch still
/// passes), and its answers come back byte for byte with their headers. DynamoDB Local sends x-amz-crc32 with its
/// successes but not with its errors; the proxy adds it where it is missing, as DynamoDB sends it with every answer.
/// </summary>
internal sealed class Upstream(Uri endpoint) : IDisposable
{
    // Headers that describe one hop of the connection, not the request; HttpClient sets its own. Accept-Encoding
    // is dropped so that answers come back uncompressed, as the proxy may have to read and rewrite them.
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Expect", "Proxy-Connection", "TE",
        "Content-Length", "Accept-Encoding",
    };

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        // DynamoDB Local serves a few calls at a time well and many badly: a bulk send puts 8 requests x 32 writer
        // calls (256) in flight, and past the bare floor's 16 connections its threads contend. Side by side on
        // this 2-core machine (scripts/bench local-stack send, 50,000 rows, 2026-12-03): unlimited 1.27-1.44x the
        // floor, 16 connections 0.98-1.18x. Calls above the limit wait in the handler's queue, not in the store.
        MaxConnectionsPerServer = MaxStoreConnections,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Connections to DynamoDB Local at once, the same as the bare floor's parallel writers.</summary>
    private const int MaxStoreConnections = 16;

    public Uri Endpoint { get; } = endpoint;

    /// <summary>Sends the client's request, with this body, to DynamoDB Local; the caller disposes the answer.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequest incoming, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(Endpoint, incoming.Path + incoming.QueryString))
        {
            Content = new ReadOnlyMemoryContent(body),
        };
        foreach (var (name, values) in incoming.Headers)
        {
            if (HopHeaders.Contains(name)) continue;
            if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            else
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }
        return _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Sends the request and reads DynamoDB Local's whole answer, for the proxy to look at before the client does.</summary>
    public async Task<UpstreamAnswer> ExchangeAsync(HttpRequest incoming, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var answer = await SendAsync(incoming, body, cancellationToken);
        return new UpstreamAnswer(answer, await answer.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    /// <summary>Copies DynamoDB Local's answer to the client unchanged, with an x-amz-crc32 when it had none.</summary>
    public static async Task CopyAsync(HttpResponseMessage answer, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!answer.Headers.Contains(DynamoDbAnswer.Crc32Header))
        {
            await new UpstreamAnswer(answer, await answer.Content.ReadAsByteArrayAsync(cancellationToken)).CopyToAsync(response, cancellationToken);
            return;
        }
        CopyHeaders(answer, response);
        await answer.Content.CopyToAsync(response.Body, cancellationToken);
    }

    internal static void CopyHeaders(HttpResponseMessage answer, HttpResponse response)
    {
        response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (HopHeaders.Contains(name) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            response.Headers[name] = values.ToArray();
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>One answer of DynamoDB Local, read whole: its status and headers, and its body.</summary>
internal sealed class UpstreamAnswer(HttpResponseMessage answer, byte[] body)
{
    public int StatusCode { get; } = (int)answer.StatusCode;
    public bool IsSuccess { get; } = answer.IsSuccessStatusCode;
    public byte[] Body { get; } = body;
    public string? RequestId { get; } = answer.Headers.TryGetValues(DynamoDbAnswer.RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;

    /// <summary>The answer as it came, its x-amz-crc32 computed when DynamoDB Local sent none (its errors).</summary>
    public async Task CopyToAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        Upstream.CopyHeaders(answer, response);
        response.ContentLength = Body.Length;
        if (!response.Headers.ContainsKey(DynamoDbAnswer.Crc32Header))
            response.Headers[DynamoDbAnswer.Crc32Header] = DynamoDbAnswer.Crc32Text(Body);
        await response.Body.WriteAsync(Body, cancellationToken);
    }
}
