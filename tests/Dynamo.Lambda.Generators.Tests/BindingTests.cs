using System.Text.Json;
using Amazon.Lambda.APIGatewayEvents;
using Dynamo.Contracts;
using static Dynamo.Lambda.Generators.Tests.GeneratorRun;

namespace Dynamo.Lambda.Generators.Tests;

// The generated handlers of Samples.Functions, compiled, loaded and invoked with events: the binding rules are
// Amazon.Lambda.Annotations' (Convert.ChangeType, absent is the default, a non-string body is JSON).
public sealed class BindingTests
{
    private static readonly Lazy<Functions> Sample = new(() => Of(Samples.Functions).Load());

    private static Task<APIGatewayProxyResponse> Call(string handler, APIGatewayProxyRequest request) => Sample.Value.Call(handler, request);

    private static void AssertValidationFailure(APIGatewayProxyResponse response, params string[] mentions)
    {
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("ValidationException", Header(response, "x-amzn-ErrorType"));
        var message = JsonDocument.Parse(response.Body!).RootElement.GetProperty("message").GetString()!;
        foreach (var mention in mentions)
            Assert.Contains(mention, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_segments_convert_and_a_parameter_named_like_a_segment_binds_to_it()
    {
        var response = await Call("Route", new() { PathParameters = Map(("id", "42"), ("name", "green")) });

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("42:green", Text(response));
        Assert.Equal("text/plain", Header(response, "Content-Type"));
    }

    [Fact]
    public async Task A_value_that_does_not_convert_answers_400_ValidationException_naming_it()
    {
        var response = await Call("Route", new() { PathParameters = Map(("id", "abc"), ("name", "x")) });

        AssertValidationFailure(response, "1 validation error(s)", "Value abc at 'id' failed to satisfy constraint");
    }

    [Fact]
    public async Task Absent_values_are_the_types_default_and_every_binding_error_is_in_one_400()
    {
        var given = await Call("Query", new() { QueryStringParameters = Map(("limit", "10"), ("from", "2026-01-01"), ("cursor", "c1")) });
        var absent = await Call("Query", new() { QueryStringParameters = Map(("other", "1")) });
        var wrong = await Call("Query", new() { QueryStringParameters = Map(("limit", "ten"), ("from", "yesterday")) });

        Assert.Equal("10|2026-01-01|c1", Text(given));
        Assert.Equal("0||none", Text(absent));
        AssertValidationFailure(wrong, "2 validation error(s)", "'limit'", "'from'");
    }

    [Fact]
    public async Task Headers_match_without_regard_to_case()
    {
        var response = await Call("Header", new() { Headers = Map(("x-count", "9000000000")) });

        Assert.Equal("9000000000", Text(response));
    }

    [Fact]
    public async Task A_JSON_body_is_read_through_the_serializer_and_a_plain_result_is_written_as_JSON()
    {
        var response = await Call("JsonBody", new() { Body = """{"message":"m","type":"t"}""" });

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", Header(response, "Content-Type"));
        Assert.Equal("""{"status":"t","store":"m"}""", response.Body);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_of_the_type_answers_400()
    {
        AssertValidationFailure(await Call("JsonBody", new() { Body = "{not json" }), "at 'body' failed to satisfy constraint");
    }

    [Fact]
    public async Task A_string_body_is_the_body_as_sent_even_when_base64()
    {
        var response = await Call("TextBody", new() { Body = Base64("rows"), IsBase64Encoded = true });

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(Base64("rows"), response.Body);
        // IHttpResult: header names lower-cased, sent as multiValueHeaders, as Amazon.Lambda.Annotations sends them.
        Assert.Equal(["/text/1"], response.MultiValueHeaders!["location"]);
        Assert.Equal(["text/plain"], response.MultiValueHeaders!["content-type"]);
    }

    [Fact]
    public async Task An_IHttpResult_body_that_is_not_text_is_JSON_through_the_serializer()
    {
        var response = await Call("JsonResult", new());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"status":"ok","store":"reachable"}""", response.Body);
        Assert.Equal(["application/json"], response.MultiValueHeaders!["content-type"]);
    }

    [Fact]
    public async Task Services_come_from_the_invocation_scope_and_the_class_from_its_constructor()
    {
        var response = await Call("Services", new());

        Assert.Equal("hello req-1 True", response.Body);
    }

    [Fact]
    public async Task An_APIGatewayProxyResponse_passes_through_and_the_event_binds_by_type()
    {
        var response = await Call("Proxy", new() { Path = "/proxy" });

        Assert.Equal(418, response.StatusCode);
        Assert.Equal("/proxy", response.Body);
    }

    [Fact]
    public async Task A_method_returning_nothing_answers_200()
    {
        Assert.Equal(200, (await Call("Nothing", new())).StatusCode);
    }

    [Fact]
    public async Task An_exception_from_the_function_is_the_invocations_error_with_nothing_around_it()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Call("Fails", new()));

        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public async Task An_authorizer_takes_the_authorizer_event_and_its_services()
    {
        var allowed = await Sample.Value.Authorize("Authorize", new() { MethodArn = "arn:x", Headers = Map(("Authorization", "let-me-in")) });
        var denied = await Sample.Value.Authorize("Authorize", new() { MethodArn = "arn:x", Headers = Map(("Authorization", "no")) });

        Assert.Equal("Allow", allowed.PolicyDocument.Statement[0].Effect);
        Assert.Equal("hello", allowed.PrincipalID);
        Assert.Equal("Deny", denied.PolicyDocument.Statement[0].Effect);
    }

    [Fact]
    public void An_unknown_ANNOTATIONS_HANDLER_fails_start_up_naming_the_known_ones()
    {
        var error = Assert.Throws<Runtime.NoSuchHandlerException>(() =>
            Sample.Value.Catalog.Create(new Runtime.FunctionEnvironment { RuntimeApi = "127.0.0.1:1", Handler = "route" }));

        Assert.Contains("'route'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Authorize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_function_is_described_for_the_template_with_Amazon_Lambda_Annotations_defaults()
    {
        var functions = Sample.Value.Catalog.Functions;
        var route = functions.Single(f => f.Handler == "Route");
        var gate = functions.Single(f => f.Handler == "Authorize");

        Assert.Equal(("Route", 512, 15), (route.ResourceName, route.MemorySize, route.Timeout));
        Assert.Equal(["AmazonDynamoDBReadOnlyAccess", "AWSXrayWriteOnlyAccess"], route.Policies);
        Assert.Equal([new("STAGE", "dev"), new("TABLE", "items")], route.Environment);
        var routed = Assert.Single(route.Routes);
        Assert.Equal(("RootGet", "get", "/items/{id}/{name}", "TokenGate"), (routed.EventName, routed.Method, routed.Path, routed.Authorizer));
        Assert.True(functions.Single(f => f.Handler == "Nothing").Routes[0].IsOpen);
        // Named by its ResourceName; the identity header is Authorization unless the attribute says otherwise.
        Assert.Equal(new Annotations.Manifest.AuthorizerDescription("TokenGate", Amazon.Lambda.Annotations.APIGateway.RestApiAuthorizerType.Request, "Authorization", 60), gate.Authorizer);
        Assert.Null(gate.MemorySize);
    }

    [Fact]
    public void The_Main_runs_the_function_ANNOTATIONS_HANDLER_names()
    {
        var run = Of(Samples.Functions);

        Assert.Contains("public class GeneratedProgram", run.Generated, StringComparison.Ordinal);
        Assert.Contains("LambdaBootstrap.RunAsync(global::Dynamo.Lambda.Generated.LambdaFunctions.Create)", run.Generated, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Map(params (string Name, string Value)[] entries) =>
        entries.ToDictionary(entry => entry.Name, entry => entry.Value);
}
