using System.CommandLine;
using Dynamo.Cli.Template;
using Dynamo.Lambda.Annotations.Manifest;
using Dynamo.Lambda.Generated;
using Dynamo.Local.Store;

namespace Dynamo.Cli.Commands;

/// <summary>
/// <c>dynamo template [--check]</c>: writes serverless.template from the functions' attributes (as the generator
/// describes them), or with <c>--check</c> exits 1 when the committed file differs. Nothing else writes the file:
/// building never touches it.
/// </summary>
internal static class TemplateCommand
{
    public static Command Create() => Create(LambdaFunctions.Catalog.Functions, () => Path.Combine(RepositoryRoot.Find(), ServerlessTemplate.FileName));

    public static Command Create(IReadOnlyList<FunctionDescription> functions, Func<string> path)
    {
        var check = new Option<bool>("--check") { Description = $"Exit 1 when {ServerlessTemplate.FileName} differs from what the code's attributes say; write nothing" };
        var command = new Command("template", $"Write {ServerlessTemplate.FileName} (CloudFormation JSON of the functions) from the code's attributes")
        {
            check,
        };
        command.SetAction((result, cancellationToken) => GeneratedFile.WriteOrCheckAsync(result, result.GetValue(check), path(),
            ServerlessTemplate.Render(functions), ServerlessTemplate.FileName, "the code's attributes", "template",
            $"{functions.Count} functions", cancellationToken));
        return command;
    }
}
