using Dynamo.Cli.Commands;
using Dynamo.Local;
using Dynamo.Local.Store;

namespace Dynamo.Cli.Sending;

/// <summary>Which API a verb sends to: <c>--url</c> when given, else the running local stack's (from <c>.dynamo/local.json</c>).</summary>
internal static class ApiTarget
{
    /// <exception cref="UsageException">No --url and no local stack running.</exception>
    public static Uri Resolve(Uri? url)
    {
        if (url is not null)
            return url;
        LocalEndpoints? local = null;
        try
        {
            local = LocalEndpoints.Read(LocalEndpoints.DefaultPath(RepositoryRoot.Find()));
        }
        catch (DirectoryNotFoundException)
        {
            // Outside a checkout there is no local stack to find.
        }
        return local?.Api ?? throw new UsageException(
            "No --url given and no local stack is running (no .dynamo/local.json): start it with `scripts/dynamo local`, or pass --url URL.");
    }
}
