using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Lambda.APIGatewayEvents;

namespace Amazon.Lambda.Annotations.APIGateway;

/// <summary>
/// The answers of RestApi functions, as Amazon.Lambda.Annotations builds them: a string body is sent as
/// <c>text/plain</c>, bytes as base64 <c>application/octet-stream</c>, anything else as JSON through the assembly's
/// serializer (<c>application/json</c>). Header names are lower-cased and sent as <c>multiValueHeaders</c>.
/// </summary>
public class HttpResults : IHttpResult
{
    private const string ContentTypeHeader = "content-type";
    private readonly object? _body;
    private Dictionary<string, IList<string>>? _headers;

    private HttpResults(HttpStatusCode statusCode, object? body = null)
    {
        StatusCode = statusCode;
        _body = body;
    }

    public HttpStatusCode StatusCode { get; }

    public IHttpResult AddHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        name = name.ToLowerInvariant();
        _headers ??= [];
        if (!_headers.TryGetValue(name, out var values))
            _headers[name] = values = [];
        values.Add(value);
        return this;
    }

    // Only the factories the functions use (a subset of the official HttpResults, whose others are the same shape:
    // a status and an optional body); NewResult covers any other status.
    public static IHttpResult Ok(object? body = null) => new HttpResults(HttpStatusCode.OK, body);

    public static IHttpResult NewResult(HttpStatusCode statusCode, object? body = null) => new HttpResults(statusCode, body);

    public Stream Serialize(HttpResultSerializationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (body, contentType, base64) = FormatBody(options);
        // Only when the function did not choose its own content type.
        if (!string.IsNullOrEmpty(body) && (_headers is null || !_headers.ContainsKey(ContentTypeHeader)))
            AddHeader(ContentTypeHeader, contentType!);
        var response = new APIGatewayProxyResponse { StatusCode = (int)StatusCode, Body = body, MultiValueHeaders = _headers, IsBase64Encoded = base64 };
        var stream = new MemoryStream();
        // As the official HttpResults writes it (its context's defaults): System.Text.Json's default encoder, so a quote
        // of the body costs 6 bytes here and a CJK character 6. Lambda counts its 6 MB on these bytes, and the ingest
        // reply budget counts them this way (ReplyBudget): one count, exact for either layer.
        JsonSerializer.Serialize(stream, response, HttpResultsJsonContext.Default.APIGatewayProxyResponse);
        stream.Position = 0;
        return stream;
    }

    private (string? Body, string? ContentType, bool Base64) FormatBody(HttpResultSerializationOptions options)
    {
        switch (_body)
        {
            case null: return (null, null, false);
            case string text: return (text, "text/plain", false);
            case byte[] bytes: return (Convert.ToBase64String(bytes), "application/octet-stream", true);
            case Stream stream:
                using (var copy = new MemoryStream())
                {
                    stream.CopyTo(copy);
                    return (Convert.ToBase64String(copy.GetBuffer(), 0, (int)copy.Length), "application/octet-stream", true);
                }
            default:
                var serializer = options.Serializer ?? throw new InvalidOperationException("A JSON body needs the assembly's [LambdaSerializer].");
                using (var json = new MemoryStream())
                {
                    serializer.Serialize(_body, json);
                    return (Encoding.UTF8.GetString(json.GetBuffer(), 0, (int)json.Length), "application/json", false);
                }
        }
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
internal sealed partial class HttpResultsJsonContext : JsonSerializerContext;
