using Dynamo.Local.Template;

namespace Dynamo.Local.Gateway;

/// <summary>What the API key check decided: the gateway response that refuses the request, and the key's id when the key is known.</summary>
public sealed record ApiKeyVerdict(GatewayResponse? Refusal, string? KeyId);

/// <summary>
/// API keys and usage plans, for a route that requires a key, in API Gateway's order ("Choose an API key source": the
/// key read from x-api-key is compared with the keys of the stage's usage plans; no match is a 403; a match is
/// throttled by its plan's rate and burst, then held to its quota): a missing, unknown or disabled key, or one in no
/// plan of the stage, is INVALID_API_KEY (403); then the key's own token bucket (THROTTLED, 429, by the usage plan);
/// then its quota for the period (QUOTA_EXCEEDED, 429 "Limit Exceeded"). Each key has its own bucket and quota, so one
/// client over its plan never spends another's. The stage's bucket comes after, in <see cref="ApiGateway"/>.
/// </summary>
public sealed class ApiKeyGate
{
    private readonly Dictionary<string, Metered> _byValue = new(StringComparer.Ordinal);

    private sealed record Metered(LocalApiKey Key, RequestBucket? Bucket, UsageQuota? Quota);

    public ApiKeyGate(IEnumerable<LocalApiKey> keys, IEnumerable<UsagePlanDefinition> plans, TimeProvider clock, TimeSpan? quotaPeriod = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var byId = plans.ToDictionary(plan => plan.LogicalId, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var plan = key.UsagePlan is { } id ? byId.GetValueOrDefault(id) : null;
            _byValue[key.Value] = new Metered(key,
                plan?.Throttle is { } throttle ? new RequestBucket(throttle, clock) : null,
                plan?.Quota is { } quota ? new UsageQuota(quota, clock, quotaPeriod) : null);
        }
    }

    /// <summary>The header API Gateway reads the key from (apiKeySource HEADER, its default).</summary>
    public const string HeaderName = "x-api-key";

    public ApiKeyVerdict Admit(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || !_byValue.TryGetValue(presented, out var metered))
            return new ApiKeyVerdict(GatewayResponse.InvalidApiKey(), null);
        var id = metered.Key.Id;
        if (!metered.Key.Enabled || metered.Key.UsagePlan is null)
            return new ApiKeyVerdict(GatewayResponse.InvalidApiKey(), id);
        if (metered.Bucket?.TryAdmit() == false)
            return new ApiKeyVerdict(GatewayResponse.Throttled(GatewayResponse.UsagePlanLimit), id);
        if (metered.Quota?.TryConsume() == false)
            return new ApiKeyVerdict(GatewayResponse.QuotaExceeded(), id);
        return new ApiKeyVerdict(null, id);
    }
}
