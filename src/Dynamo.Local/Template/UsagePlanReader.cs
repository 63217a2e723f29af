using static Dynamo.Local.Template.TemplateValue;

namespace Dynamo.Local.Template;

/// <summary>
/// Reads the template's API keys and usage plans: every AWS::ApiGateway::UsagePlan whose ApiStages name the API the
/// local stack serves, every AWS::ApiGateway::ApiKey, and the AWS::ApiGateway::UsagePlanKey resources that put a key
/// in a plan. Resources whose Condition is false are already gone. Per-method throttles of a plan's stage are not
/// emulated, so they stop the stack with a message rather than be ignored.
/// </summary>
internal static class UsagePlanReader
{
    public const string UsagePlanType = "AWS::ApiGateway::UsagePlan";
    public const string ApiKeyType = "AWS::ApiGateway::ApiKey";
    public const string UsagePlanKeyType = "AWS::ApiGateway::UsagePlanKey";
    private static readonly string[] QuotaPeriods = ["DAY", "WEEK", "MONTH"];

    public static (IReadOnlyList<UsagePlanDefinition> Plans, IReadOnlyList<ApiKeyDefinition> Keys) Read(
        IReadOnlyList<(string LogicalId, string Type, IReadOnlyDictionary<string, object?> Properties)> resources,
        string apiId, TemplateEvaluator evaluator)
    {
        var plans = resources.Where(resource => resource.Type == UsagePlanType)
            .Select(resource => Plan(resource.LogicalId, resource.Properties, apiId, evaluator))
            .OfType<UsagePlanDefinition>()
            .ToList();
        var planIds = plans.Select(plan => plan.LogicalId).ToHashSet(StringComparer.Ordinal);

        var membership = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (logicalId, _, properties) in resources.Where(resource => resource.Type == UsagePlanKeyType))
        {
            var where = $"Resources.{logicalId}.Properties";
            var keyType = Text(evaluator.Evaluate(Get(properties, "KeyType")), $"{where}.KeyType");
            if (keyType != "API_KEY")
                throw new TemplateException($"template.yaml: {where}.KeyType must be API_KEY, got '{keyType}'.");
            var keyId = Text(evaluator.Evaluate(Get(properties, "KeyId")), $"{where}.KeyId");
            var planId = Text(evaluator.Evaluate(Get(properties, "UsagePlanId")), $"{where}.UsagePlanId");
            // A key in a plan of another API (or of a plan whose Condition is false) is in no plan of this stage.
            if (!planIds.Contains(planId))
                continue;
            if (!membership.TryGetValue(keyId, out var memberOf))
                membership[keyId] = memberOf = [];
            memberOf.Add(planId);
        }

        var keys = resources.Where(resource => resource.Type == ApiKeyType)
            .Select(resource => Key(resource.LogicalId, resource.Properties, evaluator,
                membership.TryGetValue(resource.LogicalId, out var memberOf) ? memberOf : []))
            .ToList();
        foreach (var (keyId, memberOf) in membership)
        {
            if (keys.All(key => key.LogicalId != keyId))
                throw new TemplateException($"template.yaml: a UsagePlanKey names the key '{keyId}', which is no AWS::ApiGateway::ApiKey of the template.");
            // API Gateway: "a given API key can only be associated with one usage plan for each stage".
            if (memberOf.Count > 1)
                throw new TemplateException($"template.yaml: the API key {keyId} is in {memberOf.Count} usage plans of the API's stage ({string.Join(", ", memberOf)}); API Gateway allows one.");
        }
        return (plans, keys);
    }

    private static UsagePlanDefinition? Plan(string logicalId, IReadOnlyDictionary<string, object?> properties, string apiId, TemplateEvaluator evaluator)
    {
        var where = $"Resources.{logicalId}.Properties";
        var stages = evaluator.Evaluate(Get(properties, "ApiStages")) is { } list ? List(list, $"{where}.ApiStages") : [];
        var ofThisApi = stages.Select((stage, i) => Map(stage, $"{where}.ApiStages[{i}]"))
            .Where(stage => OptionalText(Get(stage, "ApiId"), $"{where}.ApiStages.ApiId") == apiId)
            .ToList();
        if (ofThisApi.Count == 0)
            return null;
        if (ofThisApi.Any(stage => Get(stage, "Throttle") is not null))
            throw new TemplateException($"template.yaml: {where}.ApiStages sets a per-method Throttle, which the local stack does not emulate; set the plan's Throttle instead.");

        StageThrottling? throttle = null;
        if (evaluator.Evaluate(Get(properties, "Throttle")) is { } throttleNode)
        {
            var settings = Map(throttleNode, $"{where}.Throttle");
            var rate = Get(settings, "RateLimit") is { } rateNode ? Number(rateNode, $"{where}.Throttle.RateLimit") : (double?)null;
            var burst = OptionalWholeNumber(Get(settings, "BurstLimit"), $"{where}.Throttle.BurstLimit");
            if (rate is not null || burst is not null)
                throttle = new StageThrottling(rate ?? StageThrottling.AccountDefault.RateLimit, burst ?? StageThrottling.AccountDefault.BurstLimit);
        }

        UsageQuotaDefinition? quota = null;
        if (evaluator.Evaluate(Get(properties, "Quota")) is { } quotaNode)
        {
            var settings = Map(quotaNode, $"{where}.Quota");
            var period = Text(Get(settings, "Period"), $"{where}.Quota.Period");
            if (!QuotaPeriods.Contains(period, StringComparer.Ordinal))
                throw new TemplateException($"template.yaml: {where}.Quota.Period must be DAY, WEEK or MONTH, got '{period}'.");
            if (OptionalWholeNumber(Get(settings, "Offset"), $"{where}.Quota.Offset") is { } offset and not 0)
                throw new TemplateException($"template.yaml: {where}.Quota.Offset {offset} is not emulated; the local stack starts each period at its first day (offset 0).");
            quota = new UsageQuotaDefinition(WholeNumber(Get(settings, "Limit"), $"{where}.Quota.Limit"), period);
        }

        var name = OptionalText(evaluator.Evaluate(Get(properties, "UsagePlanName")), $"{where}.UsagePlanName") ?? logicalId;
        return new UsagePlanDefinition(logicalId, name, throttle, quota);
    }

    private static ApiKeyDefinition Key(string logicalId, IReadOnlyDictionary<string, object?> properties, TemplateEvaluator evaluator, IReadOnlyList<string> plans)
    {
        var where = $"Resources.{logicalId}.Properties";
        var value = OptionalText(evaluator.Evaluate(Get(properties, "Value")), $"{where}.Value");
        // CloudFormation's default for ApiKey Enabled is false: a key nobody enabled refuses its callers.
        var enabled = OptionalText(evaluator.Evaluate(Get(properties, "Enabled")), $"{where}.Enabled") is "true" or "True";
        var name = OptionalText(evaluator.Evaluate(Get(properties, "Name")), $"{where}.Name") ?? logicalId;
        return new ApiKeyDefinition(logicalId, name, string.IsNullOrEmpty(value) ? null : value, enabled, plans);
    }
}
