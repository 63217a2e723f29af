namespace Dynamo.Local.Template;

/// <summary>
/// What the local stack runs, as template.yaml declares it with its parameters and conditions resolved:
/// the API stage and its routes, the functions, the authorizer, the stage throttling and the dataset tables.
/// </summary>
public sealed record StackTemplate(
    string StageName,
    IReadOnlyList<ApiRoute> Routes,
    IReadOnlyList<FunctionDefinition> Functions,
    AuthorizerDefinition? Authorizer,
    StageThrottling Throttling,
    IReadOnlyList<TableDefinition> Tables,
    TemplateParameters Parameters)
{
    /// <summary>The gateway responses the template customizes, by response type; the others are API Gateway's defaults.</summary>
    public IReadOnlyDictionary<string, GatewayResponseDefinition> GatewayResponses { get; init; } =
        new Dictionary<string, GatewayResponseDefinition>(StringComparer.Ordinal);

    /// <summary>The usage plans of the API's stage (AWS::ApiGateway::UsagePlan); empty when the template has none or its Condition is false.</summary>
    public IReadOnlyList<UsagePlanDefinition> UsagePlans { get; init; } = [];

    /// <summary>The API keys (AWS::ApiGateway::ApiKey), each with the plans its UsagePlanKeys put it in.</summary>
    public IReadOnlyList<ApiKeyDefinition> ApiKeys { get; init; } = [];

    public FunctionDefinition Function(string logicalId) =>
        Functions.FirstOrDefault(function => function.LogicalId == logicalId)
        ?? throw new KeyNotFoundException($"template.yaml declares no function '{logicalId}'.");
}

/// <summary>
/// One API Gateway route: <c>POST /datasets/{dataset}/rows</c> to a function, behind the authorizer or open, and
/// requiring an API key (SAM's <c>Auth.ApiKeyRequired</c>) or not.
/// </summary>
public sealed record ApiRoute(
    string Method,
    string PathTemplate,
    string FunctionLogicalId,
    bool RequiresAuthorization,
    TimeSpan IntegrationTimeout,
    bool ApiKeyRequired = false);

/// <summary>
/// A Lambda function of the template, its SAM Globals merged in. <see cref="ProvisionedConcurrency"/> is SAM's
/// <c>ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions</c>: sandboxes kept initialized ahead of demand.
/// </summary>
public sealed record FunctionDefinition(
    string LogicalId,
    string Handler,
    int MemorySizeMb,
    TimeSpan Timeout,
    IReadOnlyDictionary<string, string> Environment,
    int? ReservedConcurrency,
    int? ProvisionedConcurrency = null);

/// <summary>The API's default Lambda authorizer: its function, what it is keyed by, and how long API Gateway caches its answer.</summary>
public sealed record AuthorizerDefinition(
    string Name,
    string FunctionLogicalId,
    string PayloadType,
    IReadOnlyList<string> IdentitySources,
    TimeSpan CacheTtl);

/// <summary>The stage-wide token bucket: a steady rate (requests per second) and a burst (bucket size).</summary>
public sealed record StageThrottling(double RateLimit, int BurstLimit)
{
    // API Gateway's account-level defaults in a region, which apply when the stage sets nothing.
    public static readonly StageThrottling AccountDefault = new(10_000, 5_000);
}

/// <summary>A dataset's table. Locally its name is the dataset's name.</summary>
public sealed record TableDefinition(
    string LogicalId,
    string Dataset,
    TableKey PartitionKey,
    TableKey? SortKey,
    int? MaxWriteRequestUnits)
{
    public string LocalTableName => Dataset;
}

/// <summary>A key attribute of a table and its DynamoDB scalar type (S, N or B).</summary>
public sealed record TableKey(string Name, string Type);
