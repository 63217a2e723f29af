namespace Dynamo.Lambda.Generators.Tests;

/// <summary>Sample function sources, one function per binding source.</summary>
internal static class Samples
{
    public const string Functions = """
        namespace Sample;

        public enum Color { Red, Green }

        public sealed record Greeting(string Text);

        /// <summary>One per invocation scope: proves [FromServices] resolves from the invocation's scope.</summary>
        public sealed class Visit { public Guid Id { get; } = Guid.NewGuid(); }

        /// <summary>Stamps every proxy response, to prove filters run around every function.</summary>
        public sealed class Stamp : IInvocationFilter
        {
            public async ValueTask InvokeAsync(FunctionInvocation invocation, InvocationStep proceed)
            {
                await proceed(invocation);
                if (invocation.Result is APIGatewayProxyResponse response)
                    invocation.Result = new APIGatewayProxyResponse
                    {
                        StatusCode = response.StatusCode,
                        Body = response.Body,
                        Headers = new System.Collections.Generic.Dictionary<string, string>(response.Headers ?? new System.Collections.Generic.Dictionary<string, string>()) { ["x-handler"] = invocation.Handler },
                    };
            }
        }

        [LambdaStartup]
        [LambdaSerializer(typeof(ContractsJsonContext))]
        [EnvironmentVariable("STAGE", "dev")]
        public sealed class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddSingleton(new Greeting("hello"));
                services.AddScoped<Visit>();
                services.AddSingleton<IInvocationFilter, Stamp>();
            }
        }

        public sealed class ItemFunctions(Greeting greeting)
        {
            [LambdaFunction(ResourceName = "Route", MemorySize = 512, Timeout = 15, Policies = "AmazonDynamoDBReadOnlyAccess, AWSXrayWriteOnlyAccess")]
            [RestApi(LambdaHttpMethod.Get, "/items/{id}/{color}")]
            [EnvironmentVariable("TABLE", "items")]
            public string Route([FromRoute] int id, [FromRoute(Name = "color")] Color shade) => $"{id}:{shade}";

            [LambdaFunction(ResourceName = "Query")]
            [RestApi(LambdaHttpMethod.Get, "/query")]
            public string Query([FromQuery] int limit, [FromQuery(Name = "from")] DateTimeOffset? since, [FromQuery] string? cursor, [FromQuery] decimal scale = 1.5m) =>
                $"{limit}|{since?.ToUnixTimeSeconds()}|{cursor ?? "none"}|{scale}";

            [LambdaFunction(ResourceName = "Header")]
            [RestApi(LambdaHttpMethod.Get, "/header")]
            public string Header([FromHeader(Name = "X-Count")] long count, [FromHeader(Name = "If-Match")] Guid? tag) => $"{count}|{tag?.ToString() ?? "none"}";

            [LambdaFunction(ResourceName = "JsonBody")]
            [RestApi(LambdaHttpMethod.Post, "/json")]
            public HealthResponse JsonBody([FromBody] ErrorResponse error) => new HealthResponse(error.Type, error.Message);

            [LambdaFunction(ResourceName = "StreamBody")]
            [RestApi(LambdaHttpMethod.Post, "/stream")]
            public async Task<IHttpResult> StreamBody([FromBody] Stream body, CancellationToken cancellationToken)
            {
                using var reader = new StreamReader(body);
                var text = await reader.ReadToEndAsync(cancellationToken);
                return HttpResults.NewResult(HttpStatusCode.Accepted, text).AddHeader("Location", "/stream/1");
            }

            [LambdaFunction(ResourceName = "TextBody")]
            [RestApi(LambdaHttpMethod.Put, "/text")]
            public string TextBody([FromBody] string body) => body.ToUpperInvariant();

            [LambdaFunction(ResourceName = "BytesBody")]
            [RestApi(LambdaHttpMethod.Put, "/bytes")]
            public string BytesBody([FromBody] ReadOnlyMemory<byte> body) => body.Length.ToString();

            [LambdaFunction(ResourceName = "Services")]
            [RestApi(LambdaHttpMethod.Get, "/services")]
            public ValueTask<string> Services([FromServices] Visit first, [FromServices] Visit second, ILambdaContext context) =>
                ValueTask.FromResult($"{greeting.Text} {context.AwsRequestId} {first.Id == second.Id}");

            [LambdaFunction(ResourceName = "Proxy")]
            [RestApi(LambdaHttpMethod.Get, "/proxy")]
            public static APIGatewayProxyResponse Proxy(APIGatewayProxyRequest request) => new() { StatusCode = 418, Body = request.Path };

            [LambdaFunction(ResourceName = "Nothing")]
            [RestApi(LambdaHttpMethod.Delete, "/nothing", Authorizer = RestApiAttribute.NoAuthorizer)]
            public Task Nothing() => Task.CompletedTask;

            [LambdaFunction(ResourceName = "Fails")]
            [RestApi(LambdaHttpMethod.Get, "/fails")]
            public string Fails() => throw new InvalidOperationException("boom");
        }

        public sealed class Gate
        {
            [LambdaFunction(ResourceName = "TokenGate")]
            [RestApiAuthorizer(Name = "Gate", IdentityHeader = "Authorization", ResultTtlInSeconds = 60)]
            public async Task<APIGatewayCustomAuthorizerResponse> Authorize(APIGatewayCustomAuthorizerRequest request, ILambdaContext context, [FromServices] Greeting greeting)
            {
                await Task.Yield();
                var allowed = request.Headers?.GetValueOrDefault("Authorization") == "let-me-in";
                return new APIGatewayCustomAuthorizerResponse
                {
                    PrincipalId = greeting.Text,
                    PolicyDocument = new APIGatewayCustomAuthorizerPolicy
                    {
                        Statement = [new APIGatewayPolicyStatement { Effect = allowed ? "Allow" : "Deny", Resource = [request.MethodArn ?? "*"] }],
                    },
                };
            }
        }
        """;
}
