using System.Net;
using System.Text;
using System.Text.Json;
using Dynamo.Local.Gateway.Events;
using Dynamo.Local.Gateway;
using Dynamo.Local.Template;
using Dynamo.Local.Workers;

namespace Dynamo.Local.Tests.Gateway;

/// <summary>The gateway between HTTP and a scripted function: the event it builds, and how it maps the answer.</summary>
public sealed class ApiGatewayTests : IAsyncLifetime, IDisposable
{
    private readonly ScriptedFunction _function = new();
    private readonly HttpClient _http = new();
    private ApiGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        var routes = new RouteTable([
            new ApiRoute("POST", "/datasets/{dataset}/rows", "IngestFunction", true, TimeSpan.FromSeconds(29)),
            new ApiRoute("GET", "/datasets", "DatasetsFunction", true, TimeSpan.FromSeconds(29)),
        ]);
        _gateway = await ApiGateway.StartAsync(new GatewayOptions
        {
            Stage = "dev",
            Routes = routes,
            // template.yaml's gateway responses: the statuses and JSON bodies of docs/http-api.md.
            Responses = new GatewayResponses(StackTemplateReader.Read(Path.Combine(Dynamo.Local.Store.RepositoryRoot.Find(), "template.yaml")).GatewayResponses),
        }, _function, _ => { });
        _http.BaseAddress = new Uri(_gateway.BaseUrl + "/");
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task The_proxy_event_carries_what_API_Gateway_sends()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "datasets/orders/rows?rows=all&tag=a&tag=b")
        {
            Content = new StringContent("""{"rows":[]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await _http.SendAsync(request);

        var e = _function.LastEvent!;
        Assert.Equal("/datasets/{dataset}/rows", e.Resource);
        Assert.Equal("/datasets/orders/rows", e.Path);
        Assert.Equal("POST", e.HttpMethod);
        Assert.Equal("orders", e.PathParameters!["dataset"]);
        Assert.Equal("b", e.QueryStringParameters!["tag"]);
        Assert.Equal(["a", "b"], e.MultiValueQueryStringParameters!["tag"]);
        Assert.Equal("all", e.QueryStringParameters["rows"]);
        Assert.Null(e.StageVariables);
        Assert.Equal("""{"rows":[]}""", e.Body);
        Assert.False(e.IsBase64Encoded);
        // API Gateway appends the TCP peer to X-Forwarded-For; the source IP never comes from the header.
        Assert.Equal("203.0.113.9, 127.0.0.1", e.Headers!["X-Forwarded-For"]);
        var context = e.RequestContext!;
        Assert.Equal("127.0.0.1", context.Identity!.SourceIp);
        Assert.Equal("dev", context.Stage);
        Assert.Equal("/dev/datasets/orders/rows", context.Path);
        Assert.Equal("/datasets/{dataset}/rows", context.ResourcePath);
        Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(), context.RequestId);
        Assert.True(context.RequestTimeEpoch > 0);
        Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", context.RequestTime);
    }

    [Fact]
    public async Task The_event_escapes_the_body_as_API_Gateway_does_only_where_JSON_must()
    {
        // 10,000 escaped quotes and 10,000 CJK characters, 50,000 bytes: escaped as System.Text.Json escapes by
        // default (\\, \u0022, \u6771) they would take 140,000 bytes in the event; as API Gateway escapes, 70,000.
        var body = """{"rows":[{"note":"東""" + string.Concat(Enumerable.Repeat("\\\"東", 9_999)) + "\"}]}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("datasets/orders/rows", content);

        Assert.Equal(body, _function.LastEvent!.Body);
        var payload = Encoding.UTF8.GetString(_function.LastPayload);
        Assert.Contains("東\\\\\\\"東", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", payload, StringComparison.Ordinal);
        Assert.InRange(_function.LastPayload.Length, Encoding.UTF8.GetByteCount(body), Encoding.UTF8.GetByteCount(body) + 10_000 * 2 + 4_096);
    }

    [Fact]
    public async Task Repeated_header_lines_reach_the_function_in_multiValueHeaders_and_the_last_in_headers()
    {
        // HttpClient folds repeated headers into one line; a raw request keeps them apart, as a client may send them.
        using (var tcp = new System.Net.Sockets.TcpClient())
        {
            await tcp.ConnectAsync(IPAddress.Loopback, _gateway.Endpoint.Port);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /dev/datasets HTTP/1.1\r\nHost: x\r\nX-Multi: one\r\nX-Multi: two\r\nConnection: close\r\n\r\n"));
            using var reader = new StreamReader(stream);
            await reader.ReadToEndAsync(); // the whole response: the function has run
        }

        Assert.Equal("two", _function.LastEvent!.Headers!["X-Multi"]);
        Assert.Equal(["one", "two"], _function.LastEvent.MultiValueHeaders!["X-Multi"]);
    }

    [Fact]
    public async Task A_body_that_is_not_text_reaches_the_function_in_base64()
    {
        byte[] bytes = [0xff, 0x00, 0xfe, 0x80];
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/octet-stream");
        using var response = await _http.PostAsync("datasets/orders/rows", content);

        Assert.True(_function.LastEvent!.IsBase64Encoded);
        Assert.Equal(bytes, Convert.FromBase64String(_function.LastEvent.Body!));
        Assert.Null(_function.LastEvent.QueryStringParameters);
    }

    [Fact]
    public async Task The_function_response_is_mapped_with_multi_value_headers_and_a_base64_body()
    {
        _function.Answer = new APIGatewayProxyResponse
        {
            StatusCode = 207,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "text/plain", ["X-One"] = "single", ["X-Both"] = "from-headers" },
            MultiValueHeaders = new Dictionary<string, IReadOnlyList<string>> { ["X-Both"] = ["m1", "m2"] },
            Body = Convert.ToBase64String("hello"u8.ToArray()),
            IsBase64Encoded = true,
        };
        using var response = await _http.GetAsync("datasets");

        Assert.Equal((HttpStatusCode)207, response.StatusCode);
        Assert.Equal("hello", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("single", response.Headers.GetValues("X-One").Single());
        Assert.Equal(["m1", "m2"], response.Headers.GetValues("X-Both"));
    }

    [Fact]
    public async Task A_function_error_is_502_with_a_json_body()
    {
        _function.Error = new FunctionError { ErrorType = "Runtime.ExitError", ErrorMessage = "signal: killed" };
        using var response = await _http.GetAsync("datasets");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("InternalServerErrorException", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_malformed_function_response_is_502()
    {
        _function.Raw = "not a proxy response"u8.ToArray();
        using var response = await _http.GetAsync("datasets");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/dev/Datasets")]
    [InlineData("PUT", "/dev/datasets")]
    [InlineData("GET", "/dev/datasets/orders")]
    [InlineData("GET", "/datasets")]
    public async Task No_matching_route_is_404_and_no_function_runs(string method, string path)
    {
        using var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(_gateway.Endpoint, path)));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Null(_function.LastEvent);
    }

    private sealed class ScriptedFunction : IFunctionInvoker
    {
        public APIGatewayProxyRequest? LastEvent { get; private set; }
        public byte[] LastPayload { get; private set; } = [];
        public APIGatewayProxyResponse Answer { get; set; } = new() { StatusCode = 200, Body = "{}" };
        public FunctionError? Error { get; set; }
        public byte[]? Raw { get; set; }

        public Task<InvocationResult> InvokeAsync(string functionLogicalId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            LastEvent = JsonSerializer.Deserialize(payload.Span, APIGatewayJsonContext.Default.APIGatewayProxyRequest);
            LastPayload = payload.ToArray();
            return Task.FromResult(new InvocationResult
            {
                RequestId = "r",
                Error = Error,
                Response = Error is null ? Raw ?? JsonSerializer.SerializeToUtf8Bytes(Answer, APIGatewayJsonContext.Default.APIGatewayProxyResponse) : default,
            });
        }
    }
}
