using System.CommandLine;
using System.Text.Json.Nodes;
using Dynamo.Cli.Commands;
using Dynamo.Cli.Template;
using Dynamo.Lambda.Annotations.Manifest;
using Dynamo.Lambda.Generated;

namespace Dynamo.Cli.Tests.Commands;

public sealed class TemplateCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"serverless-{Guid.NewGuid():N}.template");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public async Task The_committed_serverless_template_matches_the_functions_attributes()
    {
        // The suite's `dynamo template --check`: an attribute changed without regenerating fails here.
        var (code, _, error) = await Run(TemplateCommand.Create(), "template", "--check");

        Assert.True(code == ExitCodes.Success, error);
    }

    [Fact]
    public async Task An_attribute_changed_without_regenerating_fails_the_check_with_one_line_saying_what_to_run()
    {
        await Run(Template(LambdaFunctions.Catalog.Functions), "template");
        var changed = LambdaFunctions.Catalog.Functions.Select(f => f.Handler == "CheckHealth" ? f with { MemorySize = 512 } : f).ToList();

        var (code, output, error) = await Run(Template(changed), "template", "--check");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("run scripts/dynamo template", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_fails_the_check_and_writing_it_makes_the_check_pass()
    {
        var (missing, _, _) = await Run(Template(LambdaFunctions.Catalog.Functions), "template", "--check");
        var (written, _, _) = await Run(Template(LambdaFunctions.Catalog.Functions), "template");
        var (check, _, _) = await Run(Template(LambdaFunctions.Catalog.Functions), "template", "--check");

        Assert.Equal(ExitCodes.Failure, missing);
        Assert.Equal(ExitCodes.Success, written);
        Assert.Equal(ExitCodes.Success, check);
    }

    [Fact]
    public void Every_function_runs_the_AOT_bootstrap_with_its_ANNOTATIONS_HANDLER_memory_timeout_policies_and_routes_as_Amazon_Lambda_Annotations_writes_them()
    {
        var template = JsonNode.Parse(ServerlessTemplate.Render(LambdaFunctions.Catalog.Functions))!;
        var resources = template["Resources"]!.AsObject();

        Assert.Equal("AWS::Serverless-2016-10-31", (string?)template["Transform"]);
        foreach (var function in LambdaFunctions.Catalog.Functions)
        {
            var properties = resources[function.ResourceName]!["Properties"]!;
            Assert.Equal("bootstrap", (string?)properties["Handler"]);
            Assert.Equal(function.Handler, (string?)properties["Environment"]!["Variables"]!["ANNOTATIONS_HANDLER"]);
            Assert.Equal("provided.al2023", (string?)properties["Runtime"]);
            Assert.Equal("x86_64", (string?)properties["Architectures"]![0]);
            Assert.Equal("artifacts/functions.zip", (string?)properties["CodeUri"]);
            Assert.Equal(function.MemorySize, (int?)properties["MemorySize"]);
            Assert.Equal(function.Timeout, (int?)properties["Timeout"]);
            foreach (var route in function.Routes)
            {
                var source = properties["Events"]![route.EventName]!["Properties"]!;
                Assert.Equal(route.Path, (string?)source["Path"]);
                Assert.Equal(route.Method.ToUpperInvariant(), (string?)source["Method"]);
                Assert.Equal("AnnotationsRestApi", (string?)source["RestApiId"]!["Ref"]);
            }
        }
        // Routes name their authorizer (its ResourceName); one without is open.
        Assert.Null(resources["Health"]!["Properties"]!["Events"]!["RootGet"]!["Properties"]!["Auth"]);
        Assert.Equal("Authorizer", (string?)resources["Ingest"]!["Properties"]!["Events"]!["RootPost"]!["Properties"]!["Auth"]!["Authorizer"]);
        var authorizer = resources["AnnotationsRestApi"]!["Properties"]!["Auth"]!["Authorizers"]!["Authorizer"]!;
        Assert.Equal("REQUEST", (string?)authorizer["FunctionPayloadType"]);
        Assert.Equal("Authorizer", (string?)authorizer["FunctionArn"]!["Fn::GetAtt"]![0]);
    }

    private Command Template(IReadOnlyList<FunctionDescription> functions) => TemplateCommand.Create(functions, () => _file);

    private static async Task<(int Code, string Output, string Error)> Run(Command verb, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create([verb]), args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
