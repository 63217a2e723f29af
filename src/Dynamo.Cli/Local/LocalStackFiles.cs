using Dynamo.Cli.Commands;
using Dynamo.Local;
using Dynamo.Local.Store;

namespace Dynamo.Cli.Local;

/// <summary>
/// Where a local stack keeps what the other verbs and its next start find: one discovery file and one data folder per
/// API port, so a second stack (<c>--port 3001</c>) never overwrites, deletes or shares the first one's
/// (docs/local-stack.md, "Endpoints"). The default port keeps the plain names.
/// </summary>
internal static class LocalStackFiles
{
    public const int DefaultPort = 3000;

    /// <summary><c>.dynamo/local.json</c> for the default port, <c>.dynamo/local-PORT.json</c> for any other.</summary>
    public static string DiscoveryFile(string root, int port) =>
        port == DefaultPort ? LocalEndpoints.DefaultPath(root) : Path.Combine(root, ".dynamo", $"local-{port}.json");

    /// <summary><c>.dynamo/data</c> for the default port, <c>.dynamo/data-PORT</c> for any other.</summary>
    public static string DataFolder(string root, int port) =>
        Path.Combine(root, ".dynamo", port == DefaultPort ? "data" : $"data-{port}");

    /// <summary>
    /// The running stack a verb without <c>--url</c>/<c>--endpoint</c> talks to: the default port's when it runs, else
    /// the only other one; null when none runs or outside a checkout.
    /// </summary>
    /// <exception cref="UsageException">Several stacks on other ports run and none on the default: which one is meant is not guessed.</exception>
    public static LocalEndpoints? FindRunning()
    {
        string root;
        try
        {
            root = RepositoryRoot.Find();
        }
        catch (DirectoryNotFoundException)
        {
            return null;   // Outside a checkout there is no local stack to find.
        }
        return FindRunning(root);
    }

    /// <inheritdoc cref="FindRunning()"/>
    public static LocalEndpoints? FindRunning(string root)
    {
        if (LocalEndpoints.Read(DiscoveryFile(root, DefaultPort)) is { } main)
            return main;
        var folder = Path.Combine(root, ".dynamo");
        var others = Directory.Exists(folder) ? Directory.GetFiles(folder, "local-*.json").Order(StringComparer.Ordinal).ToArray() : [];
        return others switch
        {
            [] => null,
            [var only] => LocalEndpoints.Read(only),
            _ => throw new UsageException(
                $"Several local stacks are running ({string.Join(", ", others.Select(f => LocalEndpoints.Read(f)?.Api.ToString().TrimEnd('/')))}): pass --url (or --endpoint) to say which."),
        };
    }
}
