using Amazon.DynamoDBv2;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Core.Ingesting;
using Dynamo.Core.Writing;
using Dynamo.Lambda.Annotations;
using Dynamo.Lambda.Annotations.Hosting;
using Dynamo.Lambda.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Dynamo.Functions;

/// <summary>
/// The functions' services, built lazily: a function resolves only what it uses, so the authorizer never
/// creates a DynamoDB client
/// and only ingest builds the batch writer. Wire types are JSON through <see cref="ContractsJsonContext"/>.
/// </summary>
[LambdaStartup]
[LambdaSerializer(typeof(ContractsJsonContext))]
[EnvironmentVariable("DYNAMO_STAGE", "dev")]
internal static class Startup
{
    public static void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IAmazonDynamoDB>(_ => StoreClient.FromEnvironment());
        services.AddSingleton(_ => DatasetCatalog.Load());
        services.AddSingleton(provider => new RowIngestor(
            provider.GetRequiredService<DatasetCatalog>(),
            new BatchWriter(provider.GetRequiredService<IAmazonDynamoDB>(), provider.GetRequiredService<TimeProvider>(), new BatchWriterOptions())));
        services.AddSingleton(_ => IngestSettings.FromEnvironment());
        services.AddSingleton(provider => InvocationReport.ToStandardOutput(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => AuthorizerFunction.FromEnvironment(ConsoleLambdaLogger.Instance));
        services.AddSingleton<IInvocationFilter, UnexpectedErrorFilter>();
        if (LocalSlowdownFilter.Enabled)
            services.AddSingleton<IInvocationFilter, LocalSlowdownFilter>();
    }
}
