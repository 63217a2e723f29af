using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Lambda.Annotations;

namespace Dynamo.Functions;

/// <summary><c>GET /datasets</c>: every dataset this package carries, with its table, key fields and schema.</summary>
internal sealed class DatasetsFunction(DatasetCatalog catalog)
{
    [LambdaFunction(ResourceName = "Datasets", MemorySize = 256, Timeout = 10)]
    [RestApi(LambdaHttpMethod.Get, "/datasets")]
    public DatasetList List() => new([.. catalog.All.Select(d => new DatasetDescription
    {
        Name = d.Name,
        Table = d.Table,
        PartitionKey = d.PartitionKey.Name,
        SortKey = d.SortKey?.Name,
        Schema = d.Schema,
    })]);
}
