namespace Dynamo.Local.Template;

/// <summary>
/// A usage plan of the API's stage as template.yaml declares it (AWS::ApiGateway::UsagePlan): the token bucket each
/// of its keys gets (Throttle: RateLimit, BurstLimit; none when absent) and each key's quota per period (Quota:
/// Limit, Period DAY, WEEK or MONTH; none when absent).
/// </summary>
public sealed record UsagePlanDefinition(string LogicalId, string Name, StageThrottling? Throttle, UsageQuotaDefinition? Quota);

/// <summary>A usage plan's quota: at most <see cref="Limit"/> requests per key in each <see cref="Period"/> (DAY, WEEK or MONTH).</summary>
public sealed record UsageQuotaDefinition(int Limit, string Period);

/// <summary>
/// An API key as template.yaml declares it (AWS::ApiGateway::ApiKey): its name, its value when the template fixes one
/// (else API Gateway generates it, and so does the local stack), whether callers may use it (CloudFormation's
/// default is false), and the usage plans its AWS::ApiGateway::UsagePlanKey resources put it in.
/// </summary>
public sealed record ApiKeyDefinition(string LogicalId, string Name, string? Value, bool Enabled, IReadOnlyList<string> UsagePlans);
