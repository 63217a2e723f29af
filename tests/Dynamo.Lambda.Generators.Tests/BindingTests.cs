using System.Text.Json;
using Dynamo.Contracts;
using Dynamo.Lambda.Events;
using static Dynamo.Lambda.Generators.Tests.GeneratorRun;

namespace Dynamo.Lambda.Generators.Tests;

// The generated handlers of Samples.Functions, compiled, loaded and invoked with events.
public sealed class BindingTests
{
    private static readonly Lazy<Functions> Sample = new(() => Of(Samples.Functions).Load());

    private static Task<APIGatewayProxyResponse> Call(string handler, APIGatewayProxyRequest request) => Sample.Value.Call(handler, request);

    private static void AssertValidationFailure(APIGatewayProxyResponse response, params string[] mentions)
    {
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("ValidationException", response.Headers!["x-amzn-ErrorType"]);
        var error = JsonSerializer.Deserialize(response.Body!, ContractsJsonContext.Default.ErrorResponse)!;
        Assert.Equal("ValidationException", error.Type);
        foreach (var mention in mentions)
            Assert.Contains(mention, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_segments_convert_to_numbers_and_enum_members()
    {
        var response = await Call("route", new() { PathParameters = Map(("id", "42"), ("color", "green")) });

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("42:Green", Text(response));
    }

    [Theory]
    [InlineData("abc", "Red", "'abc'")]
    [InlineData("7", "blue", "one of Red, Green")]
    [InlineData("7", "1", "one of Red, Green")]
    public async Task A_route_segment_that_does_not_convert_answers_400_ValidationException(string id, string color, string mention)
    {
        var response = await Call("route", new() { PathParameters = Map(("id", id), ("color", color)) });

        AssertValidationFailure(response, mention);
    }

    [Fact]
    public async Task Query_values_convert_with_invariant_parsing_and_optional_ones_take_their_defaults()
    {
        var given = await Call("query", new() { QueryStringParameters = Map(("limit", "10"), ("from", "2026-01-01T00:00:00Z"), ("cursor", "c1"), ("scale", "2.25")) });
        var defaults = await Call("query", new() { QueryStringParameters = Map(("limit", "10")) });

        Assert.Equal("10|1767225600|c1|2.25", Text(given));
        Assert.Equal("10||none|1.5", Text(defaults));
    }

    [Fact]
    public async Task Every_binding_error_is_reported_in_one_400()
    {
        var response = await Call("query", new() { QueryStringParameters = Map(("from", "yesterday"), ("scale", "1.5.0")) });

        AssertValidationFailure(response, "3 validation error(s)", "'limit' is required", "'yesterday'", "'1.5.0'");
    }

    [Fact]
    public async Task Headers_match_without_regard_to_case()
    {
        var response = await Call("header", new() { Headers = Map(("x-count", "9000000000"), ("IF-MATCH", "6f9619ff-8b86-d011-b42d-00c04fc964ff")) });

        Assert.Equal("9000000000|6f9619ff-8b86-d011-b42d-00c04fc964ff", Text(response));
    }

    [Fact]
    public async Task A_missing_required_header_answers_400()
    {
        AssertValidationFailure(await Call("header", new() { Headers = Map(("Accept", "*/*")) }), "'X-Count' is required");
    }

    [Fact]
    public async Task A_JSON_body_is_read_through_the_startup_context_and_a_plain_result_is_written_as_JSON()
    {
        var response = await Call("json-body", new() { Body = """{"message":"m","type":"t"}""" });

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", response.Headers!["Content-Type"]);
        Assert.Equal("""{"status":"t","store":"m"}""", response.Body);
    }

    [Fact]
    public async Task A_base64_body_is_decoded_before_it_is_read()
    {
        var response = await Call("json-body", new() { Body = Base64("""{"message":"m","type":"t"}"""), IsBase64Encoded = true });

        Assert.Equal("""{"status":"t","store":"m"}""", response.Body);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    public async Task A_body_that_is_not_the_JSON_type_or_is_missing_answers_400(string body)
    {
        AssertValidationFailure(await Call("json-body", new() { Body = body }), "request body");
    }

    [Fact]
    public async Task A_stream_body_and_an_IHttpResult_with_headers()
    {
        var response = await Call("stream-body", new() { Body = Base64("rows"), IsBase64Encoded = true });

        Assert.Equal(202, response.StatusCode);
        Assert.Equal("rows", response.Body);
        Assert.Equal("/stream/1", response.Headers!["Location"]);
    }

    [Fact]
    public async Task Text_and_byte_bodies()
    {
        Assert.Equal("""{"status":"x"}""".Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Text(await Call("bytes-body", new() { Body = """{"status":"x"}""" })));
        Assert.Equal(200, (await Call("text-body", new() { Body = "abc" })).StatusCode);
    }

    [Fact]
    public async Task An_invalid_base64_body_answers_400()
    {
        AssertValidationFailure(await Call("bytes-body", new() { Body = "%%%", IsBase64Encoded = true }), "base64");
    }

    [Fact]
    public async Task Services_come_from_the_invocation_scope_and_the_class_from_its_constructor()
    {
        var response = await Call("services", new());

        Assert.Equal("hello req-1 True", response.Body);
        Assert.Equal("text/plain; charset=utf-8", response.Headers!["Content-Type"]);
    }

    [Fact]
    public async Task An_APIGatewayProxyResponse_passes_through_and_the_event_binds_by_type()
    {
        var response = await Call("proxy", new() { Path = "/proxy" });

        Assert.Equal(418, response.StatusCode);
        Assert.Equal("/proxy", response.Body);
    }

    [Fact]
    public async Task A_method_returning_nothing_answers_200_and_filters_run_around_every_function()
    {
        var response = await Call("nothing", new());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("nothing", response.Headers!["x-handler"]);
    }

    [Fact]
    public async Task An_exception_from_the_function_passes_through_the_filters()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Call("fails", new()));

        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public async Task An_authorizer_takes_the_authorizer_event_and_its_services()
    {
        var allowed = await Sample.Value.Authorize("token-gate", new() { MethodArn = "arn:x", Headers = Map(("Authorization", "let-me-in")) });
        var denied = await Sample.Value.Authorize("token-gate", new() { MethodArn = "arn:x", Headers = Map(("Authorization", "no")) });

        Assert.Equal("Allow", allowed.PolicyDocument.Statement[0].Effect);
        Assert.Equal("hello", allowed.PrincipalId);
        Assert.Equal("Deny", denied.PolicyDocument.Statement[0].Effect);
    }

    [Fact]
    public void An_unknown_handler_name_fails_start_up_naming_the_known_ones()
    {
        var error = Assert.Throws<Runtime.NoSuchHandlerException>(() =>
            Sample.Value.Catalog.Create(new Runtime.FunctionEnvironment { RuntimeApi = "127.0.0.1:1", Handler = "ingest-v2" }));

        Assert.Contains("'ingest-v2'", error.Message, StringComparison.Ordinal);
        Assert.Contains("token-gate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_function_is_described_for_the_template()
    {
        var functions = Sample.Value.Catalog.Functions;
        var route = functions.Single(f => f.Handler == "route");
        var gate = functions.Single(f => f.Handler == "token-gate");

        Assert.Equal(("Route", 512, 15), (route.ResourceName, route.MemorySize, route.Timeout));
        Assert.Equal(["AmazonDynamoDBReadOnlyAccess", "AWSXrayWriteOnlyAccess"], route.Policies);
        Assert.Equal([new("STAGE", "dev"), new("TABLE", "items")], route.Environment);
        var routed = Assert.Single(route.Routes);
        Assert.Equal(("get", "/items/{id}/{color}", false), (routed.Method, routed.Path, routed.IsOpen));
        Assert.True(functions.Single(f => f.Handler == "nothing").Routes[0].IsOpen);
        Assert.Equal(new Annotations.Manifest.AuthorizerDescription("Gate", Annotations.RestApiAuthorizerType.Request, "Authorization", null, 60), gate.Authorizer);
        Assert.Null(gate.MemorySize);
    }

    private static Dictionary<string, string> Map(params (string Name, string Value)[] entries) =>
        entries.ToDictionary(entry => entry.Name, entry => entry.Value);
}
