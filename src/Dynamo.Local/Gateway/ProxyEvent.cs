using System.Globalization;
using System.Net;
using System.Text.Unicode;
using Dynamo.Local.Gateway.Events;
using Dynamo.Local.Template;
using Microsoft.AspNetCore.Http;

namespace Dynamo.Local.Gateway;

/// <summary>
/// The REST API proxy integration event (payload format 1.0) for one request, with the fields API Gateway
/// sends: the source IP from the TCP connection (never from a header), X-Forwarded-* added as API Gateway adds
/// them, query parameters and headers in both forms (single-value: the last value), and the body as text, or
/// base64 when it is not UTF-8 text.
/// </summary>
public static class ProxyEvent
{
    public const string ApiId = "dynamolocl";
    private const string ResourceId = "local0";

    /// <param name="authorizer">What the authorizer let through (<c>requestContext.authorizer</c>), if the route has one.</param>
    public static APIGatewayProxyRequest Create(HttpContext http, RouteMatch match, string stage, string requestId,
        DateTimeOffset requestTime, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, System.Text.Json.JsonElement>? authorizer = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(match);
        var request = http.Request;
        var sourceIp = SourceIp(http.Connection.RemoteIpAddress);
        var path = request.Path.Value ?? "/";
        var pathBelowStage = path[(stage.Length + 1)..] is { Length: > 0 } rest ? rest : "/";
        var traceId = string.Create(CultureInfo.InvariantCulture, $"Root=1-{requestTime.ToUnixTimeSeconds():x8}-{Guid.NewGuid().ToString("N")[..24]}");

        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
            headers[name] = [.. values.Where(value => value is not null).Select(value => value!)];
        // API Gateway appends the caller's address to X-Forwarded-For and sets the other two.
        headers["X-Forwarded-For"] = [headers.TryGetValue("X-Forwarded-For", out var forwarded)
            ? string.Join(", ", forwarded.Append(sourceIp)) : sourceIp];
        headers["X-Forwarded-Port"] = [http.Connection.LocalPort.ToString(CultureInfo.InvariantCulture)];
        headers["X-Forwarded-Proto"] = [request.Scheme];
        headers["X-Amzn-Trace-Id"] = [traceId];

        var query = request.Query.ToDictionary(
            pair => pair.Key, pair => (IReadOnlyList<string>)[.. pair.Value.Select(value => value ?? "")], StringComparer.Ordinal);
        var text = Utf8.IsValid(body.Span);

        return new APIGatewayProxyRequest
        {
            Resource = match.Route.PathTemplate,
            Path = pathBelowStage,
            HttpMethod = request.Method,
            Headers = headers.ToDictionary(pair => pair.Key, pair => pair.Value[^1], StringComparer.Ordinal),
            MultiValueHeaders = headers.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value, StringComparer.Ordinal),
            QueryStringParameters = query.Count == 0 ? null : query.ToDictionary(pair => pair.Key, pair => pair.Value[^1], StringComparer.Ordinal),
            MultiValueQueryStringParameters = query.Count == 0 ? null : query,
            PathParameters = match.PathParameters.Count == 0 ? null : match.PathParameters,
            StageVariables = null,
            RequestContext = new APIGatewayRequestContext
            {
                AccountId = PseudoParameters.AccountId,
                ApiId = ApiId,
                Authorizer = authorizer,
                DomainName = request.Host.Value,
                DomainPrefix = request.Host.Host.Split('.')[0],
                ExtendedRequestId = Guid.NewGuid().ToString("N")[..16],
                HttpMethod = request.Method,
                Identity = new APIGatewayRequestIdentity
                {
                    SourceIp = sourceIp,
                    UserAgent = request.Headers.UserAgent.Count > 0 ? request.Headers.UserAgent[^1] : null,
                },
                Path = path,
                Protocol = request.Protocol,
                RequestId = requestId,
                RequestTime = requestTime.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
                RequestTimeEpoch = requestTime.ToUnixTimeMilliseconds(),
                ResourceId = ResourceId,
                ResourcePath = match.Route.PathTemplate,
                Stage = stage,
            },
            Body = body.IsEmpty ? null : text ? System.Text.Encoding.UTF8.GetString(body.Span) : Convert.ToBase64String(body.Span),
            IsBase64Encoded = !body.IsEmpty && !text,
        };
    }

    /// <summary>The caller's address as API Gateway writes it: IPv4 dotted (an IPv4-mapped IPv6 address unmapped).</summary>
    public static string SourceIp(IPAddress? address) => address switch
    {
        null => "",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        _ => address.ToString(),
    };
}
