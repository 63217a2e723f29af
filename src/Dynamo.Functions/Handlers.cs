using Dynamo.Core.Datasets;
using Dynamo.Core.Ingesting;
using Dynamo.Core.Writing;
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
    public const string Ingest = "ingest";
    public const string Datasets = "datasets";

    private static readonly string[] Names = [Authorizer, Health, Ingest, Datasets];

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
            Ingest => Proxy(CreateIngest().PostRowsAsync),
            Datasets => Proxy(new DatasetsFunction(DatasetCatalog.Load()).ListAsync),
            _ => throw new NoSuchHandlerException(environment.Handler, Names),
        };
    }

    private static IngestFunction CreateIngest()
    {
        var clock = TimeProvider.System;
        var writer = new BatchWriter(StoreClient.FromEnvironment(), clock, new BatchWriterOptions());
        return new IngestFunction(new RowIngestor(DatasetCatalog.Load(), writer), clock, IngestSettings.FromEnvironment(),
            InvocationReport.ToStandardOutput(clock));
    }

    /// <summary>A REST API proxy integration function (payload format 1.0).</summary>
    private static LambdaHandler Proxy(Func<APIGatewayProxyRequest, ILambdaContext, CancellationToken, ValueTask<APIGatewayProxyResponse>> function) =>
        JsonHandler.For(function, APIGatewayJsonContext.Default.APIGatewayProxyRequest, APIGatewayJsonContext.Default.APIGatewayProxyResponse);
}
