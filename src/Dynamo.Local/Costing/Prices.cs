namespace Dynamo.Local.Costing;

/// <summary>
/// The prices <see cref="CostModel"/> applies, in US dollars. The defaults are AWS's public on-demand prices for
/// us-east-1 as of <see cref="AsOf"/>, first tier, without the free tier (docs/cost.md, Prices): API Gateway REST API
/// $3.50 per million requests (first 333 million a month); Lambda $0.20 per million requests and $0.0000166667 per
/// GB-second on x86_64 (template.yaml's architecture; arm64 is $0.0000133334); DynamoDB on-demand $0.625 per million
/// write request units (since 1 November 2024) and $0.25 per GB-month of storage (Standard table class); CloudWatch
/// Logs $0.50 per GB ingested (Standard log class; Lambda's logs are tiered from $0.50 for the first 10 TB).
/// </summary>
public sealed record Prices
{
    /// <summary>The day the default prices were checked against AWS's pricing pages.</summary>
    public const string AsOf = "2026-12-03";

    public decimal ApiRequestsPerMillion { get; init; } = 3.50m;
    public decimal LambdaRequestsPerMillion { get; init; } = 0.20m;
    public decimal LambdaGbSecond { get; init; } = 0.0000166667m;
    public decimal WriteUnitsPerMillion { get; init; } = 0.625m;
    public decimal StorageGbMonth { get; init; } = 0.25m;
    public decimal LogsIngestedGb { get; init; } = 0.50m;
    /// <summary>How many months of storage the bill counts for the rows (1: the first month of keeping them).</summary>
    public decimal StorageMonths { get; init; } = 1m;

    public static Prices Default { get; } = new();
}
