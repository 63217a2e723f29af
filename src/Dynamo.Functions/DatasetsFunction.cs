using Amazon.Lambda.Annotations;
using Amazon.Lambda.Annotations.APIGateway;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Lambda.Extensions;
using Dynamo.Lambda.Extensions.Filters;

namespace Dynamo.Functions;

/// <summary><c>GET /datasets</c>: every dataset this package carries, with its table, key fields and schema.</summary>
internal sealed class DatasetsFunction(DatasetCatalog catalog, InvocationFilters filters)
{
    [LambdaFunction(ResourceName = "Datasets", MemorySize = 256, Timeout = 10)]
    [EnvironmentVariable(DatasetCatalog.TablePrefixVariable, "")]
    [RestApi(LambdaHttpMethod.Get, "/datasets", Authorizer = AuthorizerFunction.Name)]
    public Task<IHttpResult> ListDatasets(APIGatewayProxyRequest request, ILambdaContext context) =>
        filters.RunAsync(nameof(ListDatasets), request, context, _ => Task.FromResult(HttpResults.Ok(Describe())));

    private DatasetList Describe() => new([.. catalog.All.Select(d => new DatasetDescription
    {
        Name = d.Name,
        Table = d.Table,
        PartitionKey = d.PartitionKey.Name,
        SortKey = d.SortKey?.Name,
        VersionField = d.Version?.Name,
        Schema = d.Schema,
    })]);
}
