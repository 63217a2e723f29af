using System.Text;
using Dynamo.Local;
using Dynamo.Local.Store;
using Dynamo.Local.Workers;

namespace Dynamo.EndToEnd.Tests;

/// <summary>
/// One local stack for the whole collection, as `dynamo local --in-memory` runs it but on free ports: started
/// once (DynamoDB Local's start dominates), stopped at the end. Its console is kept for assertions.
/// </summary>
public sealed class LocalStackFixture : IAsyncLifetime, IDisposable
{
    private readonly StringWriter _console = new(new StringBuilder());

    public LocalStack Stack { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>http://127.0.0.1:PORT/STAGE/</summary>
    public Uri Api => new(Stack.Endpoints.Api + "/");

    public string Console { get { lock (_console) return _console.ToString(); } }

    /// <summary>
    /// Unset, the cases run the JIT build. Set to <c>aot</c>, they run the published Native AOT bootstrap
    /// (scripts/publish.sh); set to a bootstrap's absolute path, they run that one (say, one published with
    /// <c>-p:LambdaLayer=Official</c> into a folder of its own, docs/functions.md).
    /// </summary>
    public const string FunctionsVariable = "DYNAMO_E2E_FUNCTIONS";

    public static LocalStackOptions Options(TextWriter console) => new()
    {
        RepositoryRoot = RepositoryRoot.Find(),
        Port = 0,
        InMemory = true,
        Console = console,
        Functions = Functions(Environment.GetEnvironmentVariable(FunctionsVariable)),
    };

    private static FunctionsExecutable? Functions(string? choice) => choice switch
    {
        null or "" => null,
        "aot" => FunctionsExecutable.Aot(FunctionsExecutable.AotPath(RepositoryRoot.Find())),
        _ when Path.IsPathFullyQualified(choice) => FunctionsExecutable.Aot(choice),
        _ => throw new ArgumentException($"{FunctionsVariable} is '{choice}': leave it unset (JIT), set it to aot (artifacts/functions/bootstrap) or to a bootstrap's absolute path."),
    };

    public async Task InitializeAsync()
    {
        Stack = await LocalStack.StartAsync(Options(TextWriter.Synchronized(_console)));
        Http.BaseAddress = Api;
    }

    public async Task DisposeAsync() => await Stack.DisposeAsync();

    public void Dispose()
    {
        Http.Dispose();
        _console.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class LocalStackTests : ICollectionFixture<LocalStackFixture>
{
    public const string Name = "local stack";
}
