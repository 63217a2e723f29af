using Dynamo.Lambda.Events;
using Dynamo.Lambda.Runtime;

namespace Dynamo.Functions;

/// <summary>
/// The functions of this executable by their Handler setting (<c>_HANDLER</c>). Each is built only when
/// named, so a function pays at start-up only for what it uses (the authorizer creates no SDK client).
/// Wired by hand for now; the Annotations issue generates this glue.
/// </summary>
internal static class Handlers
{
    public const string Authorizer = "authorizer";
    public const string Health = "health";

    private static readonly string[] Names = [Authorizer, Health];

    public static LambdaHandler Create(FunctionEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.Handler switch
        {
            Authorizer => JsonHandler.For(
                AuthorizerFunction.FromEnvironment(ConsoleLambdaLogger.Instance).AuthorizeAsync,
                APIGatewayJsonContext.Default.APIGatewayCustomAuthorizerRequest,
                APIGatewayJsonContext.Default.APIGatewayCustomAuthorizerResponse),
            Health => Proxy(new HealthFunction(StoreClient.FromEnvironment()).CheckAsync),
            // "ingest" and "datasets" go here once Dynamo.Core has the ingest pipeline and the dataset catalog:
            //   Ingest => Proxy(new IngestFunction(...).PostRowsAsync),
            //   Datasets => Proxy(new DatasetsFunction(...).ListAsync),
            // and their names into Names.
            _ => throw new NoSuchHandlerException(environment.Handler, Names),
        };
    }

    /// <summary>A REST API proxy integration function (payload format 1.0).</summary>
    private static LambdaHandler Proxy(Func<APIGatewayProxyRequest, ILambdaContext, CancellationToken, ValueTask<APIGatewayProxyResponse>> function) =>
        JsonHandler.For(function, APIGatewayJsonContext.Default.APIGatewayProxyRequest, APIGatewayJsonContext.Default.APIGatewayProxyResponse);
}
