using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dynamo.Cli.Commands;
using Dynamo.Cli.OpenApi;
using Dynamo.Core.Datasets;

namespace Dynamo.Cli.Tests.Commands;

public sealed class OpenApiCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.yaml");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task The_committed_document_is_what_the_code_writes()
    {
        // The suite's `dynamo openapi --check`: a wire type or a declaration changed without regenerating fails here.
        var (code, _, error) = await Run(OpenApiCommand.Create(), "openapi", "--check");

        Assert.True(code == ExitCodes.Success, error);
    }

    [Fact]
    public async Task A_declaration_changed_without_regenerating_fails_the_check_with_one_line_saying_what_to_run()
    {
        var declarations = DatasetCatalog.Declarations().ToList();
        await Run(OpenApiCommand.Create(declarations, () => _file), "openapi");
        var changed = declarations.Select(d => d.Name == "orders" ? d with { Schema = JsonDocument.Parse("""{"type":"object"}""").RootElement } : d).ToList();

        var (code, output, error) = await Run(OpenApiCommand.Create(changed, () => _file), "openapi", "--check");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("run scripts/dynamo openapi", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_dataset_has_its_route_and_its_declared_row_schema_and_the_answer_its_row_statuses()
    {
        var document = OpenApiDocument.Build(DatasetCatalog.Declarations());

        foreach (var dataset in DatasetCatalog.Declarations())
        {
            var post = document["paths"]![$"/datasets/{dataset.Name}/rows"]!["post"]!;
            var request = (string)post["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!;
            var rows = document["components"]!["schemas"]![request.Split('/')[^1]]!["properties"]!["rows"]!;
            Assert.Equal(5000, (int)rows["maxItems"]!);
            var row = document["components"]!["schemas"]![((string)rows["items"]!["$ref"]!).Split('/')[^1]]!;
            Assert.Equal(
                JsonNode.Parse(dataset.Schema.GetRawText())!["required"]!.ToJsonString(),
                row["required"]!.ToJsonString());
        }
        var statuses = document["components"]!["schemas"]!["IngestResponse"]!["properties"]!["rows"]!["items"]!["properties"]!["status"]!["enum"]!;
        Assert.Equal("""["stored","invalid","duplicate","retry","stale","conflict"]""", statuses.ToJsonString());
    }

    [Fact]
    public void Strings_a_yaml_reader_would_take_for_numbers_or_booleans_stay_strings()
    {
        var yaml = JsonToYaml.Write(new JsonObject { ["200"] = "no", ["version"] = "1", ["empty"] = "", ["text"] = "a: b", ["count"] = 3, ["flag"] = true });

        Assert.Equal("\"200\": \"no\"\nversion: \"1\"\nempty: \"\"\ntext: 'a: b'\ncount: 3\nflag: true\n", yaml);
    }

    private static async Task<(int Code, string Output, string Error)> Run(Command verb, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create([verb]), args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
