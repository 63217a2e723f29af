using static Dynamo.Lambda.Generators.Tests.GeneratorRun;

namespace Dynamo.Lambda.Generators.Tests;

// Each signature the generator cannot bind is a compile-time error with its id, at the offending code.
public sealed class DiagnosticTests
{
    private const string Serializer = """
        [assembly: LambdaSerializer(typeof(ContractsSerializer))]
        public sealed class ContractsSerializer : SourceGeneratorLambdaJsonSerializer<ContractsJsonContext>;
        """;

    private const string Startup = Serializer + """

        [LambdaStartup]
        public sealed class Startup { public void ConfigureServices(IServiceCollection services) { } }
        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        { "DYN001", "no event", """
            public sealed class F { [LambdaFunction] public string Get() => ""; }
            """ },
        { "DYN002", "both events", """
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Get, "/"), RestApiAuthorizer] public string Get() => ""; }
            """ },
        { "DYN003", "no source", """
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Get, "/")] public string Get(int limit) => ""; }
            """ },
        { "DYN004", "not convertible", """
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Get, "/")] public string Get([FromQuery] System.Collections.Generic.List<int> ids) => ""; }
            """ },
        { "DYN005", "route name missing from template", """
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Get, "/items/{id}")] public string Get([FromRoute] string name) => ""; }
            """ },
        { "DYN006", "body type in no context", """
            public sealed record Order(string Id);
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Post, "/")] public string Post([FromBody] Order order) => ""; }
            """ },
        { "DYN006", "result type in no context", """
            public sealed record Order(string Id);
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Get, "/")] public Order Get() => new("1"); }
            """ },
        { "DYN007", "two methods of one name, so one ANNOTATIONS_HANDLER", """
            public sealed class F { [LambdaFunction(ResourceName = "A"), RestApi(LambdaHttpMethod.Get, "/a")] public string Get() => ""; }
            public sealed class G { [LambdaFunction(ResourceName = "B"), RestApi(LambdaHttpMethod.Get, "/b")] public string Get() => ""; }
            """ },
        { "DYN008", "two bodies", """
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Post, "/")] public string Post([FromBody] string a, [FromBody] string b) => ""; }
            """ },
        { "DYN009", "generic method", """
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Get, "/")] public string Get<T>() => ""; }
            """ },
        { "DYN009", "private method", """
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Get, "/")] private string Get() => ""; }
            """ },
        { "DYN010", "object result", """
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Get, "/")] public object Get() => ""; }
            """ },
        { "DYN010", "authorizer returning a string", """
            public sealed class F { [LambdaFunction, RestApiAuthorizer] public string Authorize(APIGatewayCustomAuthorizerRequest request) => ""; }
            """ },
        { "DYN011", "authorizer with a query parameter", """
            public sealed class F { [LambdaFunction, RestApiAuthorizer] public APIGatewayCustomAuthorizerResponse Authorize([FromQuery] string q) => null!; }
            """ },
        { "DYN013", "two authorizers of one name", """
            public sealed class F
            {
                [LambdaFunction(ResourceName = "Gate"), RestApiAuthorizer] public APIGatewayCustomAuthorizerResponse A(APIGatewayCustomAuthorizerRequest r) => null!;
                [LambdaFunction(ResourceName = "Gate"), RestApiAuthorizer] public APIGatewayCustomAuthorizerResponse B(APIGatewayCustomAuthorizerRequest r) => null!;
            }
            """ },
        { "DYN015", "a CancellationToken parameter", """
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Get, "/")] public string Get(CancellationToken cancellationToken) => ""; }
            """ },
        { "DYN016", "a route naming no authorizer", """
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Get, "/", Authorizer = "Gate")] public string Get() => ""; }
            """ },
        { "DYN014", "two equally wide constructors", """
            public sealed class F
            {
                public F(string a) { }
                public F(int b) { }
                [LambdaFunction, RestApi(LambdaHttpMethod.Get, "/")] public string Get() => "";
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_unsupported_signature_is_a_compile_time_error(string id, string what, string source)
    {
        var run = Of(Startup + "\n" + source);

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.True(diagnostic.Id == id, $"{what}: expected {id}, got {diagnostic}");
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.True(diagnostic.Location.GetLineSpan().Path == "Sample.cs", $"{what}: {diagnostic} points at no source");
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_startup_class_without_an_instance_ConfigureServices_is_DYN012()
    {
        var run = Of(Serializer + """
            [LambdaStartup] public sealed class Startup { public static void ConfigureServices(IServiceCollection services) { } }
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Get, "/")] public string Get() => ""; }
            """);

        Assert.Equal("DYN012", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void The_messages_say_what_to_change()
    {
        var run = Of(Startup + """
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Get, "/")] public string Get(int limit) => ""; }
            """);

        var message = Assert.Single(run.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("Parameter 'limit' of 'F.Get' has no source: mark it [FromRoute], [FromQuery], [FromHeader], [FromBody] or [FromServices] (ILambdaContext and the event bind by their type, a route segment by its name)", message);
    }

    [Fact]
    public void Functions_without_the_assemblys_serializer_are_DYN017()
    {
        var run = Of("""
            public sealed class F { [LambdaFunction, RestApi(LambdaHttpMethod.Get, "/")] public string Get() => ""; }
            """);

        Assert.Equal("DYN017", Assert.Single(run.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void The_generated_code_compiles_without_warnings_and_calls_no_reflection()
    {
        var run = Of(Samples.Functions);

        var problems = run.Problems.Select(p => p.ToString()).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.DoesNotContain("System.Reflection", run.Generated, StringComparison.Ordinal);
        Assert.DoesNotContain("Activator", run.Generated, StringComparison.Ordinal);
        Assert.DoesNotContain("JsonSerializer.Serialize(", run.Generated, StringComparison.Ordinal);
    }
}
