using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dynamo.Local;
using Dynamo.Local.Store;

namespace Dynamo.EndToEnd.Tests.ApiKeys;

/// <summary>
/// A stack with RequireApiKey and three clients: the default key (template.yaml's plan, 5 requests per second), a
/// partner added exactly as docs/api-keys.md onboards one (its snippet, 20 per second), and a third whose plan has a
/// quota of <see cref="Quota"/> requests per period, the period shortened to <see cref="QuotaPeriod"/> (a test setting).
/// The stage allows 50 per second, above the plans' sum. Its console (the access log) is kept for the gateway's decisions.
/// </summary>
public sealed partial class ApiKeysFixture : IAsyncLifetime, IDisposable
{
    public const int DefaultRate = 5;
    public const int PartnerRate = 20;
    public const int StageRate = 50;
    public const int Quota = 10;
    public static readonly TimeSpan QuotaPeriod = TimeSpan.FromSeconds(10);

    // A third client, added as the docs add the partner: a high rate, so that only its quota refuses it.
    private const string QuotaClient = """
          QuotaUsagePlan:
            Type: AWS::ApiGateway::UsagePlan
            Condition: RequiresApiKey
            Properties:
              ApiStages:
                - ApiId: !Ref Api
                  Stage: !Ref Api.Stage
              Throttle:
                RateLimit: 100
                BurstLimit: 100
              Quota:
                Limit: 10
                Period: DAY
          QuotaApiKey:
            Type: AWS::ApiGateway::ApiKey
            Condition: RequiresApiKey
            Properties:
              Enabled: true
          QuotaUsagePlanKey:
            Type: AWS::ApiGateway::UsagePlanKey
            Condition: RequiresApiKey
            Properties:
              KeyId: !Ref QuotaApiKey
              KeyType: API_KEY
              UsagePlanId: !Ref QuotaUsagePlan
        """;

    private readonly StringWriter _console = new(new StringBuilder());
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dynamo-api-keys-");

    public LocalStack Stack { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };
    public string Console { get { lock (_console) return _console.ToString(); } }

    public LocalApiKey Key(string logicalId) => Stack.ApiKeys.Single(key => key.LogicalId == logicalId);

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot.Find();
        var template = File.ReadAllText(Path.Combine(root, "template.yaml"));
        var clients = PartnerSnippet(File.ReadAllText(Path.Combine(root, "docs", "api-keys.md"))) + QuotaClient;
        var outputs = template.IndexOf("\nOutputs:", StringComparison.Ordinal);
        var file = Path.Combine(_folder.FullName, "template.yaml");
        File.WriteAllText(file, template[..outputs] + "\n" + clients + template[outputs..]);

        Stack = await LocalStack.StartAsync(LocalStackFixture.Options(TextWriter.Synchronized(_console)) with
        {
            TemplateFile = file,
            QuotaPeriod = QuotaPeriod,
            Parameters = new Dictionary<string, string>
            {
                ["RequireApiKey"] = "true",
                ["DefaultPlanRateLimit"] = Text(DefaultRate),
                ["DefaultPlanBurstLimit"] = Text(2 * DefaultRate),
                ["ThrottlingRateLimit"] = Text(StageRate),
                ["ThrottlingBurstLimit"] = Text(StageRate),
            },
        });
        Http.BaseAddress = new Uri(Stack.Endpoints.Api + "/");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The docs' YAML block that adds the partner (the one that declares PartnerApiKey).</summary>
    private static string PartnerSnippet(string docs) =>
        YamlBlock().Matches(docs).Select(match => match.Groups["yaml"].Value).Single(block => block.Contains("PartnerApiKey:", StringComparison.Ordinal));

    [GeneratedRegex("```yaml\n(?<yaml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    /// <summary>The access log's lines since <paramref name="from"/> characters of the console.</summary>
    public IReadOnlyList<JsonElement> AccessLog(int from = 0) =>
    [
        .. Console[from..].Split('\n')
            .Where(line => line.StartsWith("{\"requestId\"", StringComparison.Ordinal))
            .Select(line => JsonDocument.Parse(line).RootElement.Clone()),
    ];

    public async Task DisposeAsync()
    {
        await Stack.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    public void Dispose()
    {
        Http.Dispose();
        _console.Dispose();
    }
}

// Alone, after the parallel collections: the rates it measures are the gateway's, but a machine busy with other
// stacks could starve the clients that offer them.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ApiKeysClients : ICollectionFixture<ApiKeysFixture>
{
    public const string Name = "api keys stack";
}
