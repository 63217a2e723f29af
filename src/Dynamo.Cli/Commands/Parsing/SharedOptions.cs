using System.CommandLine;

namespace Dynamo.Cli.Commands.Parsing;

/// <summary>Options more than one verb takes, built in one place so they parse and read the same everywhere.</summary>
internal static class SharedOptions
{
    /// <summary>A duration option (<c>500ms</c>, <c>30s</c>, <c>2m</c>); a bad value is a usage error.</summary>
    public static Option<TimeSpan> Duration(string name, string description) => new(name)
    {
        Description = description + " (e.g. 500ms, 30s, 2m)",
        HelpName = "DURATION",
        CustomParser = result =>
        {
            if (Durations.TryParse(result.Tokens[^1].Value, out var duration, out var error))
                return duration;
            result.AddError(error);
            return TimeSpan.Zero;
        },
    };

    /// <summary><c>--parameter Name=Value</c>, repeatable: overrides of template.yaml's parameters.</summary>
    public static Option<IReadOnlyDictionary<string, string>> Parameters() => new("--parameter")
    {
        Description = "Override a template.yaml parameter; repeat for several",
        HelpName = "Name=Value",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => new Dictionary<string, string>(),
        CustomParser = result =>
        {
            if (ParameterAssignments.TryParse(result.Tokens.Select(token => token.Value), out var parameters, out var error))
                return parameters;
            result.AddError(error);
            return new Dictionary<string, string>();
        },
    };

    /// <summary><c>--endpoint URL</c>: the DynamoDB to use instead of the local stack's, e.g. https://dynamodb.eu-west-1.amazonaws.com.</summary>
    public static Option<Uri?> Endpoint() => new("--endpoint")
    {
        Description = "DynamoDB endpoint (default: the running local stack's from .dynamo/local.json, else AWS with the default credentials and region)",
        HelpName = "URL",
        CustomParser = result => HttpUrl(result, "--endpoint", "http://127.0.0.1:8000"),
    };

    /// <summary><c>--url URL</c>: the API with its stage instead of the local stack's, e.g. https://abc123.execute-api.eu-west-1.amazonaws.com/prod.</summary>
    public static Option<Uri?> ApiUrl() => new("--url")
    {
        Description = "The API with its stage (default: the running local stack's from .dynamo/local.json)",
        HelpName = "URL",
        CustomParser = result => HttpUrl(result, "--url", "http://127.0.0.1:3000/dev"),
    };

    /// <summary>
    /// <c>--api-key KEY</c>: the API key sent as <c>x-api-key</c> (a stage deployed with RequireApiKey, docs/api-keys.md);
    /// without it, <c>$DYNAMO_API_KEY</c>, else the running local stack's default key (<see cref="Sending.ApiTarget"/>).
    /// </summary>
    public static Option<string?> ApiKey() => new("--api-key")
    {
        Description = $"The API key sent as x-api-key (default: ${Sending.ApiTarget.ApiKeyVariable}, else the running local stack's default key from .dynamo/local.json)",
        HelpName = "KEY",
        CustomParser = result => ApiKeyText(result, result.Tokens[^1].Value),
    };

    /// <summary><c>--api-key KEY</c>, repeatable (<c>dynamo load</c>: one client per key, all at once).</summary>
    public static Option<IReadOnlyList<string>> ApiKeys() => new("--api-key")
    {
        Description = $"An API key sent as x-api-key; repeat it to run one client per key at once, each reported apart (default: ${Sending.ApiTarget.ApiKeyVariable}, else the running local stack's default key)",
        HelpName = "KEY",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
        CustomParser = result => [.. result.Tokens.Select(token => ApiKeyText(result, token.Value) ?? "")],
    };

    private static string? ApiKeyText(System.CommandLine.Parsing.ArgumentResult result, string text)
    {
        if (text.Length > 0 && !text.Any(char.IsControl) && !text.Any(char.IsWhiteSpace))
            return text;
        result.AddError("--api-key takes the key's value: non-empty text without spaces or control characters.");
        return null;
    }

    private static Uri? HttpUrl(System.CommandLine.Parsing.ArgumentResult result, string option, string example)
    {
        var text = result.Tokens[^1].Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return uri;
        result.AddError($"{option} takes an http or https URL, like {example}; got '{text}'.");
        return null;
    }
}
