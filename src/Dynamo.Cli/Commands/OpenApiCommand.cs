using System.CommandLine;
using Dynamo.Cli.OpenApi;
using Dynamo.Core.Datasets;
using Dynamo.Local.Store;

namespace Dynamo.Cli.Commands;

/// <summary>
/// <c>dynamo openapi [--check]</c>: writes docs/openapi.yaml from the wire types and the dataset declarations
/// (<see cref="OpenApiDocument"/>), and the same document as JSON for the functions' <c>GET /openapi.json</c>; or
/// with <c>--check</c> exits 1 when a committed file differs.
/// </summary>
internal static class OpenApiCommand
{
    public static Command Create() => Create(DatasetCatalog.Declarations().ToList(),
        () => Path.Combine(RepositoryRoot.Find(), OpenApiDocument.FileName), () => Path.Combine(RepositoryRoot.Find(), OpenApiDocument.ServedFileName));

    /// <param name="servedPath">Where the JSON the API serves goes; null writes the YAML only.</param>
    public static Command Create(IReadOnlyList<DatasetDeclaration> datasets, Func<string> path, Func<string>? servedPath = null)
    {
        var check = new Option<bool>("--check") { Description = $"Exit 1 when {OpenApiDocument.FileName} differs from what the code says; write nothing" };
        var command = new Command("openapi", $"Write {OpenApiDocument.FileName} (OpenAPI 3.1 of the HTTP API) from the wire types and the dataset declarations")
        {
            check,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            const string Source = "the wire types and the dataset declarations";
            var document = OpenApiDocument.Build(datasets);
            var code = await GeneratedFile.WriteOrCheckAsync(result, result.GetValue(check), path(),
                JsonToYaml.Write(document), OpenApiDocument.FileName, Source, "openapi", $"{datasets.Count} datasets", cancellationToken);
            if (code != ExitCodes.Success || servedPath is null) return code;
            return await GeneratedFile.WriteOrCheckAsync(result, result.GetValue(check), servedPath(),
                OpenApiDocument.ServedJson(document), OpenApiDocument.ServedFileName, Source, "openapi", "served at GET /openapi.json", cancellationToken);
        });
        return command;
    }
}
