using Dynamo.Local.Template;

namespace Dynamo.Local.Gateway;

/// <summary>What the gateway serves: the template's stage, routes, authorizer, API keys and usage plans, stage throttling and gateway responses.</summary>
public sealed record GatewayOptions
{
    public required string Stage { get; init; }
    public required RouteTable Routes { get; init; }
    /// <summary>The API's default authorizer; null leaves every route open.</summary>
    public AuthorizerDefinition? Authorizer { get; init; }
    /// <summary>The stage's token bucket; null throttles nothing.</summary>
    public StageThrottling? Throttling { get; init; }
    /// <summary>The API keys the routes that require one accept, each with its usage plan (<see cref="UsagePlans"/>).</summary>
    public IReadOnlyList<LocalApiKey> ApiKeys { get; init; } = [];
    public IReadOnlyList<UsagePlanDefinition> UsagePlans { get; init; } = [];
    /// <summary>Every quota's period, shortened for tests and counted from each key's first request (docs/local-stack.md); null keeps each plan's DAY, WEEK or MONTH.</summary>
    public TimeSpan? QuotaPeriod { get; init; }
    public GatewayResponses Responses { get; init; } = GatewayResponses.AwsDefaults;
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }
    /// <summary>Also listen on this Unix socket, whose callers have no IP address.</summary>
    public string? UnixSocketPath { get; init; }
    /// <summary>Told of every request as its access-log line is written, with the function its route invokes (the local console's metrics).</summary>
    public Action<ObservedRequest>? Observer { get; init; }

    public static GatewayOptions From(StackTemplate template, int port) => new()
    {
        Stage = template.StageName,
        Routes = new RouteTable(template.Routes),
        Authorizer = template.Authorizer,
        Throttling = template.Throttling,
        // Created as API Gateway creates them: the template's value, else a generated one.
        ApiKeys = [.. template.ApiKeys.Select(LocalApiKey.Create)],
        UsagePlans = template.UsagePlans,
        Responses = new GatewayResponses(template.GatewayResponses),
        Port = port,
    };
}
