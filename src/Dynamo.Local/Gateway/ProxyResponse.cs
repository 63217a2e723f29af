using System.Text;
using System.Text.Json;
using Dynamo.Local.Gateway.Events;
using Microsoft.AspNetCore.Http;

namespace Dynamo.Local.Gateway;

/// <summary>
/// A function's proxy integration response turned into the HTTP response, as API Gateway does: headers and
/// multi-value headers merged (a name in both keeps the multi-value ones), a base64 body decoded, and
/// <c>application/json</c> when the function set no content type.
/// </summary>
public static class ProxyResponse
{
    // Headers the server owns; API Gateway rewrites or drops them too.
    private static readonly HashSet<string> ServerOwned = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Date",
    };

    /// <summary>Reads the function's answer; null when it is not a valid proxy response (API Gateway's 502).</summary>
    public static APIGatewayProxyResponse? Parse(ReadOnlyMemory<byte> response)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize(response.Span, APIGatewayJsonContext.Default.APIGatewayProxyResponse);
            if (parsed is null || parsed.StatusCode is < 100 or > 599) return null;
            if (parsed.IsBase64Encoded && parsed.Body is not null) Convert.FromBase64String(parsed.Body);
            return parsed;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    public static async Task WriteAsync(HttpResponse http, APIGatewayProxyResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(response);
        http.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            if (!ServerOwned.Contains(name) && response.MultiValueHeaders?.ContainsKey(name) != true)
                http.Headers[name] = value;
        foreach (var (name, values) in response.MultiValueHeaders ?? new Dictionary<string, IReadOnlyList<string>>())
            if (!ServerOwned.Contains(name))
                http.Headers[name] = values.ToArray();
        if (string.IsNullOrEmpty(http.ContentType))
            http.ContentType = "application/json";

        var body = response.Body is null ? []
            : response.IsBase64Encoded ? Convert.FromBase64String(response.Body)
            : Encoding.UTF8.GetBytes(response.Body);
        http.ContentLength = body.Length;
        await http.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
