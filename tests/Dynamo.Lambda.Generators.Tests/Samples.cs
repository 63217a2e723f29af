namespace Dynamo.Lambda.Generators.Tests;

/// <summary>Sample function sources, one function per binding source.</summary>
internal static class Samples
{
    /// <summary>
    /// A serializer with reflection-based options: the samples compile in memory without System.Text.Json's source
    /// generator, so they cannot have a source-generated context of their own. The generator then checks no types.
    /// </summary>
    public const string Serializer = """
        [assembly: LambdaSerializer(typeof(Sample.SampleSerializer))]

        namespace Sample
        {
            public sealed class SampleSerializer : ILambdaSerializer
            {
                private static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
                {
                    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
                    TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
                };

                public T Deserialize<T>(Stream requestStream) => System.Text.Json.JsonSerializer.Deserialize<T>(requestStream, Options)!;

                public void Serialize<T>(T response, Stream responseStream) => System.Text.Json.JsonSerializer.Serialize(responseStream, response, Options);
            }
        }
        """;

    public const string Functions = """
        [assembly: LambdaGlobalProperties(GenerateMain = true, Runtime = "provided.al2023")]

        """ + Serializer + """

        namespace Sample
        {
            public sealed record Greeting(string Text);

            /// <summary>One per invocation scope: proves [FromServices] resolves from the invocation's scope.</summary>
            public sealed class Visit { public Guid Id { get; } = Guid.NewGuid(); }

            [LambdaStartup]
            [EnvironmentVariable("STAGE", "dev")]
            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddSingleton(new Greeting("hello"));
                    services.AddScoped<Visit>();
                }
            }

            public sealed class ItemFunctions(Greeting greeting)
            {
                [LambdaFunction(ResourceName = "Route", MemorySize = 512, Timeout = 15, Policies = "AmazonDynamoDBReadOnlyAccess, AWSXrayWriteOnlyAccess")]
                [RestApi(LambdaHttpMethod.Get, "/items/{id}/{name}", Authorizer = "TokenGate")]
                [EnvironmentVariable("TABLE", "items")]
                public string Route([FromRoute] int id, string name) => $"{id}:{name}";

                [LambdaFunction(ResourceName = "Query")]
                [RestApi(LambdaHttpMethod.Get, "/query")]
                public string Query([FromQuery] int limit, [FromQuery(Name = "from")] DateTime? since, [FromQuery] string cursor) =>
                    $"{limit}|{since?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}|{cursor ?? "none"}";

                [LambdaFunction(ResourceName = "Header")]
                [RestApi(LambdaHttpMethod.Get, "/header")]
                public string Header([FromHeader(Name = "X-Count")] long count) => $"{count}";

                [LambdaFunction(ResourceName = "JsonBody")]
                [RestApi(LambdaHttpMethod.Post, "/json")]
                public HealthResponse JsonBody([FromBody] ErrorResponse error) => new HealthResponse(error.Type, error.Message);

                [LambdaFunction(ResourceName = "TextBody")]
                [RestApi(LambdaHttpMethod.Put, "/text")]
                public Task<IHttpResult> TextBody([FromBody] string body) =>
                    Task.FromResult(HttpResults.NewResult(HttpStatusCode.Accepted, body).AddHeader("Location", "/text/1"));

                [LambdaFunction(ResourceName = "JsonResult")]
                [RestApi(LambdaHttpMethod.Get, "/json-result")]
                public IHttpResult JsonResult() => HttpResults.Ok(new HealthResponse("ok", "reachable"));

                [LambdaFunction(ResourceName = "Services")]
                [RestApi(LambdaHttpMethod.Get, "/services")]
                public ValueTask<string> Services([FromServices] Visit first, [FromServices] Visit second, ILambdaContext context) =>
                    ValueTask.FromResult($"{greeting.Text} {context.AwsRequestId} {first.Id == second.Id}");

                [LambdaFunction(ResourceName = "Proxy")]
                [RestApi(LambdaHttpMethod.Get, "/proxy")]
                public static APIGatewayProxyResponse Proxy(APIGatewayProxyRequest request) => new() { StatusCode = 418, Body = request.Path };

                [LambdaFunction(ResourceName = "Nothing")]
                [RestApi(LambdaHttpMethod.Delete, "/nothing")]
                public Task Nothing() => Task.CompletedTask;

                [LambdaFunction(ResourceName = "Fails")]
                [RestApi(LambdaHttpMethod.Get, "/fails")]
                public string Fails() => throw new InvalidOperationException("boom");
            }

            public sealed class Gate
            {
                [LambdaFunction(ResourceName = "TokenGate")]
                [RestApiAuthorizer(Type = RestApiAuthorizerType.Request, ResultTtlInSeconds = 60)]
                public async Task<APIGatewayCustomAuthorizerResponse> Authorize(APIGatewayCustomAuthorizerRequest request, ILambdaContext context, [FromServices] Greeting greeting)
                {
                    await Task.Yield();
                    var allowed = request.Headers is { } headers && headers.TryGetValue("Authorization", out var token) && token == "let-me-in";
                    return new APIGatewayCustomAuthorizerResponse
                    {
                        PrincipalID = greeting.Text,
                        PolicyDocument = new APIGatewayCustomAuthorizerPolicy
                        {
                            Statement = [new APIGatewayCustomAuthorizerPolicy.IAMPolicyStatement { Effect = allowed ? "Allow" : "Deny", Action = ["execute-api:Invoke"], Resource = [request.MethodArn ?? "*"] }],
                        },
                    };
                }
            }
        }
        """;
}
