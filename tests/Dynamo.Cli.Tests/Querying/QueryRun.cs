using System.Text.Json.Nodes;
using Dynamo.Cli.Commands;

namespace Dynamo.Cli.Tests.Querying;

/// <summary>`dynamo query ...` run in-process as the command line would, with what it printed.</summary>
public sealed record QueryRun(int Code, string Output, string Error)
{
    public static async Task<QueryRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(), ["query", .. args], output, error);
        return new QueryRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The rows of JSON Lines output.</summary>
    public IReadOnlyList<JsonNode> Rows => [.. Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!)];

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
