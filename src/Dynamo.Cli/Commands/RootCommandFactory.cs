using System.CommandLine;

namespace Dynamo.Cli.Commands;

/// <summary>
/// The `dynamo` command and its verbs. Each verb of the contract lives in its own file under Commands/ and
/// registers here once it works (`local`, `send`, `query`, `load`, `template`), so `dynamo --help` never
/// lists a verb that does nothing.
/// </summary>
internal static class RootCommandFactory
{
    private static readonly Func<Command>[] Verbs = [QueryCommand.Create];

    public static RootCommand Create() => Create(Verbs.Select(create => create()));

    public static RootCommand Create(IEnumerable<Command> verbs)
    {
        var root = new RootCommand(
            "Dynamo: a serverless ingestion API (API Gateway, Lambda, DynamoDB) and its local stack, client and load tests.");
        foreach (var verb in verbs)
            root.Subcommands.Add(verb);
        return root;
    }
}
