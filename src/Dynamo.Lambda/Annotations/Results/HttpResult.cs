using System.Net;
using Dynamo.Lambda.Events;

namespace Dynamo.Lambda.Annotations.Results;

/// <summary>A status, its headers and a body that is already text (or nothing).</summary>
internal sealed class HttpResult(HttpStatusCode statusCode, string? body, string? contentType) : IHttpResult
{
    private readonly Dictionary<string, string> _headers = contentType is null
        ? new(StringComparer.OrdinalIgnoreCase)
        : new(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = contentType };

    public HttpStatusCode StatusCode => statusCode;

    public IHttpResult AddHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _headers[name] = value;
        return this;
    }

    public APIGatewayProxyResponse ToProxyResponse() => new()
    {
        StatusCode = (int)statusCode,
        Headers = new Dictionary<string, string>(_headers, StringComparer.OrdinalIgnoreCase),
        Body = body,
    };
}
