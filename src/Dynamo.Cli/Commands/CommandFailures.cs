using System.Net.Http;
using System.Net.Sockets;

namespace Dynamo.Cli.Commands;

/// <summary>How a verb reports a failure it cannot get past: one line on stderr, and what the cause was.</summary>
internal static class CommandFailures
{
    /// <summary>Writes "dynamo: MESSAGE" on one line and returns the failure exit code.</summary>
    public static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"dynamo: {message.ReplaceLineEndings(" ")}");
        return ExitCodes.Failure;
    }

    /// <summary>True when nothing answered at the address (refused, unreachable, unknown host), at any depth.</summary>
    public static bool IsUnreachable(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            if (inner is SocketException or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
                return true;
        return false;
    }

    public static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
