using Dynamo.Core.Datasets;
using static Dynamo.Local.Template.TemplateValue;

namespace Dynamo.Local.Template;

/// <summary>
/// Reads template.yaml into the <see cref="StackTemplate"/> the local stack runs: parameters resolved with the
/// user's overrides, conditions applied (a resource whose Condition is false does not exist), SAM Globals
/// merged, and only the properties the local stack uses evaluated, so parts that have no local meaning
/// (policies, outputs, log groups) never stop it.
/// </summary>
public static class StackTemplateReader
{
    private const string ApiType = "AWS::Serverless::Api";
    // API Gateway's default and maximum integration timeout for REST APIs: 29 s.
    private const int DefaultIntegrationTimeoutMs = 29_000;
    // Lambda's defaults when a function sets neither: 128 MB, 3 s.
    private const int DefaultMemorySizeMb = 128;
    private const int DefaultTimeoutSeconds = 3;
    // API Gateway caches a Lambda authorizer's policy for 300 s unless told otherwise.
    private const int DefaultAuthorizerTtlSeconds = 300;

    public static StackTemplate Read(string path, IReadOnlyDictionary<string, string>? overrides = null)
    {
        if (!File.Exists(path))
            throw new TemplateException($"No template at {path}.");
        return Parse(File.ReadAllText(path), overrides);
    }

    public static StackTemplate Parse(string yaml, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var document = CloudFormationYaml.Parse(yaml);
        var allResources = Map(Get(document, "Resources"), "Resources");
        var names = new LocalResourceNames(allResources);
        var parameters = TemplateParameters.Resolve(
            OptionalMap(Get(document, "Parameters"), "Parameters"), overrides ?? new Dictionary<string, string>());
        var evaluator = new TemplateEvaluator(
            parameters,
            OptionalMap(Get(document, "Conditions"), "Conditions"),
            OptionalMap(Get(document, "Mappings"), "Mappings"),
            names);

        var resources = Present(allResources, evaluator);
        var globals = OptionalMap(Get(document, "Globals"), "Globals");
        var functionGlobals = OptionalMap(Get(globals, "Function"), "Globals.Function");
        var apiGlobals = OptionalMap(Get(globals, "Api"), "Globals.Api");

        var functions = resources
            .Where(resource => resource.Type == LocalResourceNames.FunctionType)
            .Select(resource => (resource.LogicalId, Properties: SamGlobals.Merge(functionGlobals, resource.Properties)))
            .ToList();
        var apis = resources.Where(resource => resource.Type == ApiType).ToList();
        if (apis.Count != 1)
            throw new TemplateException($"template.yaml must declare exactly one {ApiType} (the REST API the local stack serves), found {apis.Count}.");
        var api = (apis[0].LogicalId, Properties: SamGlobals.Merge(apiGlobals, apis[0].Properties));

        var authorizer = Authorizer(api.LogicalId, api.Properties, evaluator, names);
        var apiKeyRequired = ApiKeyRequiredByDefault(api.LogicalId, api.Properties, evaluator);
        var (plans, keys) = UsagePlanReader.Read(
            resources.Select(resource => (resource.LogicalId, resource.Type, resource.Properties)).ToList(), api.LogicalId, evaluator);
        return new StackTemplate(
            StageName: Text(evaluator.Evaluate(Get(api.Properties, "StageName")), $"Resources.{api.LogicalId}.Properties.StageName"),
            Routes: functions.SelectMany(function => Routes(function.LogicalId, function.Properties, api.LogicalId, authorizer, apiKeyRequired, evaluator)).ToList(),
            Functions: functions.Select(function => Function(function.LogicalId, function.Properties, evaluator)).ToList(),
            Authorizer: authorizer,
            Throttling: Throttling(api.LogicalId, api.Properties, evaluator),
            Tables: resources
                .Where(resource => resource.Type == LocalResourceNames.TableType)
                .Select(resource => Table(resource.LogicalId, resource.Properties, evaluator, names))
                .ToList(),
            Parameters: parameters)
        {
            GatewayResponses = GatewayResponses(api.LogicalId, api.Properties, evaluator),
            UsagePlans = plans,
            ApiKeys = keys,
        };
    }

    private sealed record Resource(string LogicalId, string Type, IReadOnlyDictionary<string, object?> Properties);

    private static List<Resource> Present(IReadOnlyDictionary<string, object?> resources, TemplateEvaluator evaluator)
    {
        var present = new List<Resource>();
        foreach (var (logicalId, node) in resources)
        {
            var where = $"Resources.{logicalId}";
            var resource = Map(node, where);
            if (OptionalText(Get(resource, "Condition"), $"{where}.Condition") is { } condition && !evaluator.Condition(condition))
                continue;
            present.Add(new Resource(logicalId, Text(Get(resource, "Type"), $"{where}.Type"), OptionalMap(Get(resource, "Properties"), $"{where}.Properties")));
        }
        return present;
    }

    private static FunctionDefinition Function(string logicalId, IReadOnlyDictionary<string, object?> properties, TemplateEvaluator evaluator)
    {
        var where = $"Resources.{logicalId}.Properties";
        var variables = OptionalMap(Get(OptionalMap(evaluator.Evaluate(Get(properties, "Environment")), $"{where}.Environment"), "Variables"), $"{where}.Environment.Variables");
        return new FunctionDefinition(
            logicalId,
            Handler: Text(evaluator.Evaluate(Get(properties, "Handler")), $"{where}.Handler"),
            MemorySizeMb: OptionalWholeNumber(evaluator.Evaluate(Get(properties, "MemorySize")), $"{where}.MemorySize") ?? DefaultMemorySizeMb,
            Timeout: TimeSpan.FromSeconds(OptionalWholeNumber(evaluator.Evaluate(Get(properties, "Timeout")), $"{where}.Timeout") ?? DefaultTimeoutSeconds),
            Environment: variables.ToDictionary(
                variable => variable.Key,
                // Locally a table is named after its dataset (LocalResourceNames), so what the functions put before
                // a dataset's name to find its table is empty here, whatever the template says for AWS.
                variable => variable.Key == DatasetCatalog.TablePrefixVariable ? "" : Text(variable.Value, $"{where}.Environment.Variables.{variable.Key}"),
                StringComparer.Ordinal),
            ReservedConcurrency: OptionalWholeNumber(evaluator.Evaluate(Get(properties, "ReservedConcurrentExecutions")), $"{where}.ReservedConcurrentExecutions"),
            ProvisionedConcurrency: OptionalWholeNumber(
                evaluator.Evaluate(Get(OptionalMap(evaluator.Evaluate(Get(properties, "ProvisionedConcurrencyConfig")), $"{where}.ProvisionedConcurrencyConfig"), "ProvisionedConcurrentExecutions")),
                $"{where}.ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions"));
    }

    private static IEnumerable<ApiRoute> Routes(
        string functionId, IReadOnlyDictionary<string, object?> properties, string apiId, AuthorizerDefinition? authorizer,
        bool apiKeyRequiredByDefault, TemplateEvaluator evaluator)
    {
        foreach (var (eventName, eventNode) in OptionalMap(Get(properties, "Events"), $"Resources.{functionId}.Properties.Events"))
        {
            var where = $"Resources.{functionId}.Properties.Events.{eventName}";
            var source = Map(eventNode, where);
            if (Get(source, "Type") is not "Api")
                continue;

            var route = Map(evaluator.Evaluate(Get(source, "Properties")), $"{where}.Properties");
            if (OptionalText(Get(route, "RestApiId"), $"{where}.Properties.RestApiId") != apiId)
                throw new TemplateException($"template.yaml: {where} must set 'RestApiId: !Ref {apiId}', the API the local stack serves.");

            var auth = OptionalMap(Get(route, "Auth"), $"{where}.Properties.Auth");
            var authorizerName = OptionalText(Get(auth, "Authorizer"), $"{where}.Properties.Auth.Authorizer");
            if (authorizerName is not null and not "NONE" && authorizerName != authorizer?.Name)
                throw new TemplateException($"template.yaml: {where} names the authorizer '{authorizerName}'; the local stack runs only the API's default authorizer.");

            yield return new ApiRoute(
                Method: Text(Get(route, "Method"), $"{where}.Properties.Method").ToUpperInvariant(),
                PathTemplate: Text(Get(route, "Path"), $"{where}.Properties.Path"),
                FunctionLogicalId: functionId,
                RequiresAuthorization: authorizer is not null && authorizerName != "NONE",
                IntegrationTimeout: TimeSpan.FromMilliseconds(
                    OptionalWholeNumber(Get(route, "TimeoutInMillis"), $"{where}.Properties.TimeoutInMillis") ?? DefaultIntegrationTimeoutMs),
                // SAM: the event's Auth.ApiKeyRequired, else the API's (its Auth.ApiKeyRequired), else none.
                ApiKeyRequired: Flag(Get(auth, "ApiKeyRequired"), $"{where}.Properties.Auth.ApiKeyRequired") ?? apiKeyRequiredByDefault);
        }
    }

    private static bool ApiKeyRequiredByDefault(string apiId, IReadOnlyDictionary<string, object?> properties, TemplateEvaluator evaluator) =>
        Flag(Get(OptionalMap(evaluator.Evaluate(Get(properties, "Auth")), $"Resources.{apiId}.Properties.Auth"), "ApiKeyRequired"),
            $"Resources.{apiId}.Properties.Auth.ApiKeyRequired") ?? false;

    private static bool? Flag(object? node, string where) => OptionalText(node, where) switch
    {
        null => null,
        "true" or "True" => true,
        "false" or "False" => false,
        var other => throw new TemplateException($"template.yaml: {where} must be true or false, got '{other}'."),
    };

    private static AuthorizerDefinition? Authorizer(
        string apiId, IReadOnlyDictionary<string, object?> properties, TemplateEvaluator evaluator, LocalResourceNames names)
    {
        var where = $"Resources.{apiId}.Properties.Auth";
        var auth = OptionalMap(Get(properties, "Auth"), where);
        if (OptionalText(evaluator.Evaluate(Get(auth, "DefaultAuthorizer")), $"{where}.DefaultAuthorizer") is not { } name || name == "NONE")
            return null;

        var authorizer = Map(Get(OptionalMap(Get(auth, "Authorizers"), $"{where}.Authorizers"), name), $"{where}.Authorizers.{name}");
        var payloadType = OptionalText(evaluator.Evaluate(Get(authorizer, "FunctionPayloadType")), $"{where}.Authorizers.{name}.FunctionPayloadType") ?? "TOKEN";
        var identity = OptionalMap(evaluator.Evaluate(Get(authorizer, "Identity")), $"{where}.Authorizers.{name}.Identity");

        // SAM turns each Identity list into API Gateway's identity source expressions.
        var sources = new List<string>();
        void Add(string key, string prefix)
        {
            if (Get(identity, key) is { } list)
                sources.AddRange(List(list, $"{where}.Authorizers.{name}.Identity.{key}").Select(item => prefix + Text(item, $"{where}.Authorizers.{name}.Identity.{key}")));
        }
        Add("Headers", "method.request.header.");
        Add("QueryStrings", "method.request.querystring.");
        Add("StageVariables", "stageVariables.");
        Add("Context", "context.");
        if (payloadType == "TOKEN")
            sources.Add("method.request.header." + (OptionalText(Get(identity, "Header"), $"{where}.Authorizers.{name}.Identity.Header") ?? "Authorization"));

        return new AuthorizerDefinition(
            name,
            FunctionLogicalId: FunctionReferenced(Get(authorizer, "FunctionArn"), $"{where}.Authorizers.{name}.FunctionArn", names),
            PayloadType: payloadType,
            IdentitySources: sources,
            CacheTtl: TimeSpan.FromSeconds(OptionalWholeNumber(Get(identity, "ReauthorizeEvery"), $"{where}.Authorizers.{name}.Identity.ReauthorizeEvery") ?? DefaultAuthorizerTtlSeconds));
    }

    // The function behind an ARN reference: !GetAtt F.Arn, !Ref F, !Ref F.Alias (SAM's alias of AutoPublishAlias).
    private static string FunctionReferenced(object? node, string where, LocalResourceNames names)
    {
        var reference = TemplateValue.IsIntrinsic(node, out var function, out var argument)
            ? (function, argument) switch
            {
                ("Ref", string name) => LocalResourceNames.LogicalIdOf(name),
                ("Fn::GetAtt", IReadOnlyList<object?> { Count: 2 } pair) when pair[1] is "Arn" => pair[0] as string,
                _ => null,
            }
            : null;
        return reference is not null && names.TypeOf(reference) == LocalResourceNames.FunctionType
            ? reference
            : throw new TemplateException($"template.yaml: {where} must reference a function of the template (!GetAtt Function.Arn or !Ref Function.Alias).");
    }

    private static StageThrottling Throttling(string apiId, IReadOnlyDictionary<string, object?> properties, TemplateEvaluator evaluator)
    {
        var where = $"Resources.{apiId}.Properties.MethodSettings";
        var settings = evaluator.Evaluate(Get(properties, "MethodSettings")) is { } list ? List(list, where) : [];
        // The stage-wide entry is the one for every resource and method; per-method overrides are not emulated.
        var stageWide = settings
            .Select((setting, i) => Map(setting, $"{where}[{i}]"))
            .FirstOrDefault(setting => Get(setting, "ResourcePath") is "/*" && Get(setting, "HttpMethod") is "*");
        if (stageWide is null)
            return StageThrottling.AccountDefault;
        return new StageThrottling(
            Get(stageWide, "ThrottlingRateLimit") is { } rate ? Number(rate, $"{where}.ThrottlingRateLimit") : StageThrottling.AccountDefault.RateLimit,
            OptionalWholeNumber(Get(stageWide, "ThrottlingBurstLimit"), $"{where}.ThrottlingBurstLimit") ?? StageThrottling.AccountDefault.BurstLimit);
    }

    // SAM's Api GatewayResponses: { TYPE: { StatusCode, ResponseParameters: { Headers: { Name: "'value'" } }, ResponseTemplates } }.
    private static Dictionary<string, GatewayResponseDefinition> GatewayResponses(
        string apiId, IReadOnlyDictionary<string, object?> properties, TemplateEvaluator evaluator)
    {
        var where = $"Resources.{apiId}.Properties.GatewayResponses";
        var responses = new Dictionary<string, GatewayResponseDefinition>(StringComparer.Ordinal);
        foreach (var (type, node) in OptionalMap(evaluator.Evaluate(Get(properties, "GatewayResponses")), where))
        {
            var response = Map(node, $"{where}.{type}");
            var parameters = OptionalMap(Get(response, "ResponseParameters"), $"{where}.{type}.ResponseParameters");
            var headers = OptionalMap(Get(parameters, "Headers"), $"{where}.{type}.ResponseParameters.Headers")
                .ToDictionary(header => header.Key, header => StaticValue(header.Value, $"{where}.{type}.ResponseParameters.Headers.{header.Key}"), StringComparer.OrdinalIgnoreCase);
            var templates = OptionalMap(Get(response, "ResponseTemplates"), $"{where}.{type}.ResponseTemplates")
                .ToDictionary(template => template.Key, template => Text(template.Value, $"{where}.{type}.ResponseTemplates.{template.Key}"), StringComparer.OrdinalIgnoreCase);
            responses[type] = new GatewayResponseDefinition(
                type, OptionalWholeNumber(Get(response, "StatusCode"), $"{where}.{type}.StatusCode"), headers, templates);
        }
        return responses;
    }

    // API Gateway takes a static header value in single quotes ('1'); mappings from the request are not emulated.
    private static string StaticValue(object? node, string where)
    {
        var text = Text(node, where);
        return text.Length >= 2 && text[0] == '\'' && text[^1] == '\''
            ? text[1..^1]
            : throw new TemplateException($"template.yaml: {where} must be a static value in single quotes (e.g. \"'1'\"); the local stack does not map request values into gateway responses.");
    }

    private static TableDefinition Table(string logicalId, IReadOnlyDictionary<string, object?> properties, TemplateEvaluator evaluator, LocalResourceNames names)
    {
        var where = $"Resources.{logicalId}.Properties";
        var types = List(evaluator.Evaluate(Get(properties, "AttributeDefinitions")), $"{where}.AttributeDefinitions")
            .Select(definition => Map(definition, $"{where}.AttributeDefinitions"))
            .ToDictionary(
                definition => Text(Get(definition, "AttributeName"), $"{where}.AttributeDefinitions.AttributeName"),
                definition => Text(Get(definition, "AttributeType"), $"{where}.AttributeDefinitions.AttributeType"),
                StringComparer.Ordinal);
        var keys = List(evaluator.Evaluate(Get(properties, "KeySchema")), $"{where}.KeySchema")
            .Select(key => Map(key, $"{where}.KeySchema"))
            .Select(key => (
                Name: Text(Get(key, "AttributeName"), $"{where}.KeySchema.AttributeName"),
                Kind: Text(Get(key, "KeyType"), $"{where}.KeySchema.KeyType")))
            .ToList();

        TableKey? Key(string kind) => keys.Where(key => key.Kind == kind)
            .Select(key => new TableKey(key.Name, types.TryGetValue(key.Name, out var type)
                ? type
                : throw new TemplateException($"template.yaml: {where}.KeySchema uses {key.Name}, which AttributeDefinitions does not declare.")))
            .SingleOrDefault();

        var throughput = OptionalMap(evaluator.Evaluate(Get(properties, "OnDemandThroughput")), $"{where}.OnDemandThroughput");
        // DynamoDB reads MaxWriteRequestUnits -1 as "no cap".
        var maxWrites = OptionalWholeNumber(Get(throughput, "MaxWriteRequestUnits"), $"{where}.OnDemandThroughput.MaxWriteRequestUnits");
        return new TableDefinition(
            logicalId,
            names.DatasetOf(logicalId),
            Key("HASH") ?? throw new TemplateException($"template.yaml: {where}.KeySchema needs a HASH key."),
            Key("RANGE"),
            maxWrites is null or -1 ? null : maxWrites);
    }
}
