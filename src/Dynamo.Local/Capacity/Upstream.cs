using Microsoft.AspNetCore.Http;

namespace Dynamo.Local.Capacity;

/// <summary>
/// DynamoDB Local behind the proxy: requests go to it with the client's headers (its SigV4 Authorization
/// included: DynamoDB Local reads the credentials but never checks signatures, so a shortened batch still
/// passes), and its answers come back byte for byte with their headers, x-amz-crc32 included.
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
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

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

    /// <summary>Copies DynamoDB Local's answer to the client unchanged.</summary>
    public static async Task CopyAsync(HttpResponseMessage answer, HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (HopHeaders.Contains(name) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            response.Headers[name] = values.ToArray();
        }
        await answer.Content.CopyToAsync(response.Body, cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
