using Amazon.Lambda.Annotations;
using Amazon.Lambda.Annotations.APIGateway;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Dynamo.Lambda.Extensions.Filters;

namespace Dynamo.Functions;

/// <summary>
/// <c>GET /openapi.json</c> (no authorizer, like /health): the API's OpenAPI document, so a client generator can read it
/// from the stage it calls. <c>scripts/dynamo openapi</c> writes it next to docs/openapi.yaml and the package carries
/// it; it holds the routes and schemas only, nothing a caller could not read in the repository.
/// </summary>
internal sealed class OpenApiFunction(InvocationFilters filters)
{
    /// <summary>The embedded document's resource name (Dynamo.Functions.csproj).</summary>
    public const string ResourceName = "Dynamo.Functions.openapi.json";

    private static readonly Lazy<string> Document = new(() =>
    {
        using var stream = typeof(OpenApiFunction).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The package carries no {ResourceName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    [LambdaFunction(ResourceName = "OpenApi", MemorySize = 256, Timeout = 10)]
    [RestApi(LambdaHttpMethod.Get, "/openapi.json")]
    public Task<IHttpResult> GetOpenApi(APIGatewayProxyRequest request, ILambdaContext context) =>
        filters.RunAsync(nameof(GetOpenApi), request, context,
            _ => Task.FromResult(HttpResults.Ok(Document.Value).AddHeader("Content-Type", "application/json")));
}
