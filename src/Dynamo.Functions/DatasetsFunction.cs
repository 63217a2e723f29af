using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Lambda.Events;
using Dynamo.Lambda.Runtime;

namespace Dynamo.Functions;

/// <summary><c>GET /datasets</c>: every dataset this package carries, with its table, key fields and schema.</summary>
internal sealed class DatasetsFunction(DatasetCatalog catalog)
{
    public ValueTask<APIGatewayProxyResponse> ListAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        var list = new DatasetList([.. catalog.All.Select(d => new DatasetDescription
        {
            Name = d.Name,
            Table = d.Table,
            PartitionKey = d.PartitionKey.Name,
            SortKey = d.SortKey?.Name,
            Schema = d.Schema,
        })]);
        return ValueTask.FromResult(ApiResponses.Json(200, list, ContractsJsonContext.Default.DatasetList));
    }
}
