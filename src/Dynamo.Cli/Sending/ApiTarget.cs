using Dynamo.Cli.Commands;
using Dynamo.Cli.Local;

namespace Dynamo.Cli.Sending;

/// <summary>Which API a verb sends to: <c>--url</c> when given, else the running local stack's (<see cref="LocalStackFiles.FindRunning"/>).</summary>
internal static class ApiTarget
{
    /// <exception cref="UsageException">No --url and no local stack running.</exception>
    public static Uri Resolve(Uri? url)
    {
        if (url is not null)
            return url;
        return LocalStackFiles.FindRunning()?.Api ?? throw new UsageException(
            "No --url given and no local stack is running (no .dynamo/local.json): start it with `scripts/dynamo local`, or pass --url URL.");
    }
}
