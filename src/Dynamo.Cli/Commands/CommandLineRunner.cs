using System.CommandLine;
using Dynamo.Local.Template;

namespace Dynamo.Cli.Commands;

/// <summary>
/// Parses and runs a command line with Dynamo's exit-code rules: a usage error (unknown verb or option, a
/// value that does not parse, a <see cref="UsageException"/>) prints one line on stderr and exits 2; any
/// other failure keeps its stack trace for the developer.
/// </summary>
internal static class CommandLineRunner
{
    public static async Task<int> RunAsync(
        RootCommand root, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
            return Usage(error, result.Errors[0].Message);
        if (result.Action is null)
            return Usage(error, "A command is required.");

        try
        {
            var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            return await result.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception e) when (e is UsageException or TemplateException)
        {
            return Usage(error, e.Message);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: the verb stopped what it started.
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            // Not the user's mistake: the developer gets the whole exception.
            error.WriteLine(e);
            return ExitCodes.Failure;
        }
    }

    private static int Usage(TextWriter error, string message)
    {
        // One line: the library's messages and ours are sentences, never multi-line dumps.
        error.WriteLine($"dynamo: {message.ReplaceLineEndings(" ").Trim()} See 'dynamo --help'.");
        return ExitCodes.Usage;
    }
}
