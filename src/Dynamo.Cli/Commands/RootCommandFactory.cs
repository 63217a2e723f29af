using System.CommandLine;

namespace Dynamo.Cli.Commands;

/// <summary>
/// The `dynamo` command and its verbs. Each verb lives in its own file under Commands/ and
/// registers here once it works (`local`, `send`, `query`, `load`, `template`, `openapi`, `plan`, `cost`), so `dynamo --help` never
/// lists a verb that does nothing.
/// </summary>
internal static class RootCommandFactory
{
    private static readonly Func<Command>[] Verbs = [LocalCommand.Create, SendCommand.Create, QueryCommand.Create, LoadCommand.Create, TemplateCommand.Create, OpenApiCommand.Create, PlanCommand.Create, CostCommand.Create];

    public static RootCommand Create() => Create(Verbs.Select(create => create()));

    public static RootCommand Create(IEnumerable<Command> verbs)
    {
        var root = new RootCommand(
            "Dynamo: a serverless ingestion API (API Gateway, Lambda, DynamoDB) and its local stack, client and load tests.");
        foreach (var verb in verbs)
            root.Subcommands.Add(verb);
        // Without an action of its own, a root with verbs makes the parser report "Required command was not
        // provided" ahead of the real mistake (an unknown verb); this keeps our one-line messages.
        root.SetAction(new Func<ParseResult, int>(_ => throw new UsageException("A command is required.")));
        return root;
    }
}
