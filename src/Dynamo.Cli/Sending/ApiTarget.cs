using Dynamo.Cli.Commands;
using Dynamo.Cli.Local;

namespace Dynamo.Cli.Sending;

/// <summary>
/// Which API a verb sends to: <c>--url</c> when given, else the running local stack's (<see cref="LocalStackFiles.FindRunning"/>);
/// and with which API key: <c>--api-key</c>, else <c>$DYNAMO_API_KEY</c>, else, for the running local stack, its
/// default key from <c>.dynamo/local.json</c> (none when it has no key: RequireApiKey is false).
/// </summary>
internal static class ApiTarget
{
    public const string ApiKeyVariable = "DYNAMO_API_KEY";

    /// <exception cref="UsageException">No --url and no local stack running.</exception>
    public static Uri Resolve(Uri? url)
    {
        if (url is not null)
            return url;
        return LocalStackFiles.FindRunning()?.Api ?? throw new UsageException(
            "No --url given and no local stack is running (no .dynamo/local.json): start it with `scripts/dynamo local`, or pass --url URL.");
    }

    /// <summary>The key to send to <paramref name="api"/>, or null for none.</summary>
    public static string? ApiKey(string? given, Uri api)
    {
        if (!string.IsNullOrEmpty(given))
            return given;
        if (Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } fromEnvironment)
            return fromEnvironment;
        var local = LocalStackFiles.FindRunning();
        return local is not null && SameApi(local.Api, api) ? local.DefaultApiKey?.Value : null;
    }

    private static bool SameApi(Uri a, Uri b) =>
        string.Equals(a.AbsoluteUri.TrimEnd('/'), b.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
