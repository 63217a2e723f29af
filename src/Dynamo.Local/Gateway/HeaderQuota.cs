using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Dynamo.Local.Gateway;

/// <summary>
/// API Gateway's quota on what comes before the body of a REST API request: 10,240 bytes for the request line
/// and the headers together, and 10,240 characters for the URL ("Quotas for configuring and running a REST API
/// in API Gateway"). Kestrel's own limits (8 KB of request line, 32 KB and 100 headers) are not AWS's, and
/// Kestrel refuses with an empty body before the gateway sees the request, so they are set well above this
/// quota (<see cref="KestrelLimitBytes"/>) and the quota is answered here, with the gateway's JSON error.
/// Headers count their names and values: the stricter reading of "header values", so a request the emulator
/// lets through is one API Gateway lets through.
/// </summary>
internal static class HeaderQuota
{
    public const int MaxBytes = 10_240;

    /// <summary>Where Kestrel's limits sit: far enough above the quota that a refusal is nearly always the gateway's.</summary>
    public const int KestrelLimitBytes = 1024 * 1024;

    /// <summary>A header is at least "a:" and its CRLF: as many as fit in Kestrel's limit.</summary>
    public const int KestrelMaxHeaderCount = KestrelLimitBytes / 4;

    /// <summary>Null when the request line and headers are within the quota; otherwise the refusal.</summary>
    public static GatewayResponse? Refusal(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value + request.QueryString.Value;
        // "POST /prod/datasets/orders/rows?rows=all HTTP/1.1"
        long bytes = Encoding.UTF8.GetByteCount(request.Method) + 1 + Encoding.UTF8.GetByteCount(target) + 1 + request.Protocol.Length;
        if (bytes > MaxBytes) return GatewayResponse.RequestLineTooLong(bytes);
        foreach (var (name, values) in request.Headers)
            foreach (var value in values)
                bytes += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value ?? "");
        return bytes > MaxBytes ? GatewayResponse.HeadersTooLarge(bytes) : null;
    }
}
