using System.CommandLine;

namespace Dynamo.Cli.Commands;

/// <summary>
/// The verbs that write a committed file from the code (<c>dynamo template</c>, <c>dynamo openapi</c>): write it, or
/// with <c>--check</c> write nothing and exit 1 when the committed file differs, in one line saying what to run.
/// Building never writes these files.
/// </summary>
internal static class GeneratedFile
{
    /// <param name="name">The file as the messages name it (serverless.template).</param>
    /// <param name="source">What it is written from (the code's attributes).</param>
    /// <param name="verb">The verb that writes it (template).</param>
    /// <param name="written">What the line after writing says it holds (3 functions).</param>
    public static async Task<int> WriteOrCheckAsync(ParseResult result, bool check, string file, string expected,
        string name, string source, string verb, string written, CancellationToken cancellationToken)
    {
        var output = result.InvocationConfiguration.Output;
        if (check)
        {
            var committed = File.Exists(file) ? await File.ReadAllTextAsync(file, cancellationToken) : null;
            if (committed == expected)
            {
                await output.WriteLineAsync($"{name} is up to date.");
                return ExitCodes.Success;
            }
            await result.InvocationConfiguration.Error.WriteLineAsync(
                $"dynamo: {name} is {(committed is null ? "missing" : $"out of date with {source}")}; run scripts/dynamo {verb} and commit it.");
            return ExitCodes.Failure;
        }
        await File.WriteAllTextAsync(file, expected, cancellationToken);
        await output.WriteLineAsync($"Wrote {file} ({written}).");
        return ExitCodes.Success;
    }
}
