using System.Diagnostics.CodeAnalysis;
using Amazon.DynamoDBv2;
using Amazon.Lambda.Annotations;
using Dynamo.Core.Datasets;
using Dynamo.Core.Ingesting;
using Dynamo.Core.Writing;
using Dynamo.Lambda.Extensions;
using Dynamo.Lambda.Extensions.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace Dynamo.Functions;

/// <summary>
/// The functions' services, built lazily: a function resolves only what it uses, so the authorizer never
/// creates a DynamoDB client and only ingest builds the batch writer. The API functions run inside the filters
/// registered here (<see cref="InvocationFilters"/>).
/// </summary>
[LambdaStartup]
[EnvironmentVariable("DYNAMO_STAGE", "dev")]
internal sealed class Startup
{
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "The generated code calls it on new Startup(), as Amazon.Lambda.Annotations does.")]
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IAmazonDynamoDB>(_ => StoreClient.FromEnvironment());
        services.AddSingleton(_ => DatasetCatalog.Load());
        services.AddSingleton(provider => new RowIngestor(
            provider.GetRequiredService<DatasetCatalog>(),
            new BatchWriter(provider.GetRequiredService<IAmazonDynamoDB>(), provider.GetRequiredService<TimeProvider>(), new BatchWriterOptions())));
        services.AddSingleton(_ => IngestSettings.FromEnvironment());
        services.AddSingleton(provider => InvocationReport.ToStandardOutput(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => AuthorizerFunction.FromEnvironment(StandardOutputLogger.Instance));
        services.AddSingleton<InvocationFilters>();
        services.AddSingleton<IInvocationFilter, UnexpectedErrorFilter>();
        if (LocalFaultFilter.Enabled)
            services.AddSingleton<IInvocationFilter, LocalFaultFilter>();
    }
}
