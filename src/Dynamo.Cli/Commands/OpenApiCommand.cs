using System.CommandLine;
using Dynamo.Cli.OpenApi;
using Dynamo.Core.Datasets;
using Dynamo.Local.Store;

namespace Dynamo.Cli.Commands;

/// <summary>
/// <c>dynamo openapi [--check]</c>: writes docs/openapi.yaml from the wire types and the dataset declarations
/// (<see cref="OpenApiDocument"/>), or with <c>--check</c> exits 1 when the committed file differs.
/// </summary>
internal static class OpenApiCommand
{
    public static Command Create() => Create(DatasetCatalog.Declarations().ToList(), () => Path.Combine(RepositoryRoot.Find(), OpenApiDocument.FileName));

    public static Command Create(IReadOnlyList<DatasetDeclaration> datasets, Func<string> path)
    {
        var check = new Option<bool>("--check") { Description = $"Exit 1 when {OpenApiDocument.FileName} differs from what the code says; write nothing" };
        var command = new Command("openapi", $"Write {OpenApiDocument.FileName} (OpenAPI 3.1 of the HTTP API) from the wire types and the dataset declarations")
        {
            check,
        };
        command.SetAction((result, cancellationToken) => GeneratedFile.WriteOrCheckAsync(result, result.GetValue(check), path(),
            JsonToYaml.Write(OpenApiDocument.Build(datasets)), OpenApiDocument.FileName, "the wire types and the dataset declarations", "openapi",
            $"{datasets.Count} datasets", cancellationToken));
        return command;
    }
}
