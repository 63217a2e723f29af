using Dynamo.Local.Workers;

namespace Dynamo.Local;

/// <summary>How `dynamo local` runs the stack.</summary>
public sealed record LocalStackOptions
{
    /// <summary>The checkout: template.yaml, the built functions, .tools and .dynamo live there.</summary>
    public required string RepositoryRoot { get; init; }
    /// <summary>The API's port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; } = 3000;
    /// <summary>template.yaml parameter overrides (Stage, MaxWriteRequestUnits, ...).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>
    /// The stack's DynamoDB endpoint on 127.0.0.1, the one that meters and throttles writes (docs/local-stack.md,
    /// Endpoints); 0 picks a free one.
    /// </summary>
    public int DynamoDbPort { get; init; }
    /// <summary>DynamoDB Local's own port on 127.0.0.1, behind the emulation; 0 picks a free one.</summary>
    public int StorePort { get; init; }
    /// <summary>Throwaway data; otherwise DynamoDB Local keeps it under <see cref="DataDirectory"/>.</summary>
    public bool InMemory { get; init; }
    /// <summary>Defaults to .dynamo/data in the checkout (git-ignored).</summary>
    public string? DataDirectory { get; init; }
    /// <summary>What the workers run; defaults to the JIT build of Dynamo.Functions.</summary>
    public FunctionsExecutable? Functions { get; init; }
    /// <summary>
    /// Function environment variables by logical ID that replace template.yaml's, locally only (as
    /// <c>sam local --env-vars</c>), and the store's endpoint <c>DYNAMODB_ENDPOINT</c>; tests use it to run a function
    /// with <c>DYNAMO_STAGE=local</c>, or against a store that is down.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> FunctionEnvironment { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();
    /// <summary>Also serve the API on this Unix socket (a caller without an IP address: tests of the 401).</summary>
    public string? UnixSocketPath { get; init; }
    /// <summary>Access-log lines, the workers' lines and the capacity report; defaults to stdout.</summary>
    public TextWriter? Console { get; init; }
    /// <summary>
    /// Every usage plan quota's period, shortened from its DAY, WEEK or MONTH to this length counted from each key's
    /// first request: a test setting, so that a test sees a period roll (docs/local-stack.md, API keys).
    /// </summary>
    public TimeSpan? QuotaPeriod { get; init; }
    /// <summary>
    /// The console's port on 127.0.0.1 (docs/console.md): 0 picks a free one; null serves no console (tests that do not
    /// look at it).
    /// </summary>
    public int? ConsolePort { get; init; }
    /// <summary>Where the console looks for `dynamo load` reports; defaults to the current directory, where `dynamo load` writes load-report/.</summary>
    public string? ReportsDirectory { get; init; }
    /// <summary>Another template than the checkout's template.yaml (tests: the template plus a second client's key and plan).</summary>
    public string? TemplateFile { get; init; }

    internal string TemplatePath => TemplateFile ?? Path.Combine(RepositoryRoot, "template.yaml");
    internal string ChartLibraryDirectory => Path.Combine(RepositoryRoot, "browser", "node_modules", "uplot", "dist");
    internal string DataPath => DataDirectory ?? Path.Combine(RepositoryRoot, ".dynamo", "data");
}
