using System.CommandLine;
using Dynamo.Cli.Commands.Parsing;
using Dynamo.Cli.Deploying;
using Dynamo.Local.Store;
using Dynamo.Local.Template;

namespace Dynamo.Cli.Commands;

/// <summary>
/// <c>dynamo plan STAGE [--parameter Name=Value]...</c>: the parameters a deployment of STAGE would be given,
/// checked as CloudFormation checks them (exit 1 with the reason when it would refuse them), then what the
/// deployment would accept but its owner would regret (<see cref="DeploymentRegrets"/>). scripts/deploy.sh runs it
/// first, dry run or not. It calls no AWS API.
/// </summary>
internal static class PlanCommand
{
    private static readonly string[] Stages = ["dev", "staging", "prod"];

    public static Command Create()
    {
        var stage = new Argument<string>("STAGE") { Description = "dev, staging or prod" };
        stage.AcceptOnlyFromAmong(Stages);
        var parameters = SharedOptions.Parameters();
        var command = new Command("plan", "Check the template parameters a deployment of STAGE would get, and warn about what it would regret")
        {
            stage, parameters,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string>(result.GetValue(parameters)!, StringComparer.Ordinal);
            if (overrides.ContainsKey("Stage"))
                throw new UsageException("The stage is the STAGE argument, not --parameter Stage=...");
            overrides["Stage"] = result.GetValue(stage)!;
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;

            StackTemplate template;
            try
            {
                template = StackTemplateReader.Read(Path.Combine(RepositoryRoot.Find(), "template.yaml"), overrides);
            }
            catch (TemplateException e)
            {
                await error.WriteLineAsync($"dynamo: a deployment would be refused: {e.Message}");
                return ExitCodes.Failure;
            }

            foreach (var (name, value) in template.Parameters.Values.OrderBy(p => p.Key, StringComparer.Ordinal))
                await output.WriteLineAsync($"{name} = {(value is string text ? text : string.Join(",", (IEnumerable<string>)value))}{(overrides.ContainsKey(name) ? "" : " (default)")}");
            foreach (var regret in DeploymentRegrets.Of(template.Parameters))
                await error.WriteLineAsync($"dynamo: warning: {regret}");
            return ExitCodes.Success;
        });
        return command;
    }
}
