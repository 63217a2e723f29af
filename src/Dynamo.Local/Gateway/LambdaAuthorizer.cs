using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Dynamo.Contracts;
using Dynamo.Local.Gateway.Events;
using Dynamo.Local.Template;
using Dynamo.Local.Workers;

namespace Dynamo.Local.Gateway;

/// <summary>What the authorizer decided for one request: let it through (with the context the integration gets), or the gateway response that refuses it.</summary>
public sealed record AuthorizerVerdict(GatewayResponse? Refusal, IReadOnlyDictionary<string, JsonElement>? Context);

/// <summary>
/// The API's Lambda REQUEST authorizer, run as API Gateway runs it: its identity sources evaluated first (one missing
/// is 401 without an invocation, when caching is on), the function invoked through its workers like any other, and
/// its policy cached by the identity-source values for the template's TTL. A cached policy is evaluated again for
/// each request's method ARN, so it only admits the identity (here the source IP) it was issued for.
/// </summary>
public sealed class LambdaAuthorizer(AuthorizerDefinition definition, IFunctionInvoker functions, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, CachedPolicy> _cache = new(StringComparer.Ordinal);

    private sealed record CachedPolicy(Lazy<Task<Answer>> Answer, DateTimeOffset Expires);

    private sealed record Answer(APIGatewayCustomAuthorizerResponse? Policy, GatewayResponse? Refusal, double LatencyMs);

    public async Task<AuthorizerVerdict> AuthorizeAsync(APIGatewayProxyRequest request, string methodArn)
    {
        ArgumentNullException.ThrowIfNull(request);
        var identity = IdentityOf(request);
        var caching = definition.CacheTtl > TimeSpan.Zero;
        if (identity is null && caching)
            return new AuthorizerVerdict(GatewayResponse.Unauthorized(), null);

        Answer answer;
        if (caching)
        {
            var now = clock.GetUtcNow();
            var entry = _cache.AddOrUpdate(identity!,
                _ => Fresh(request, methodArn, now),
                (_, cached) => cached.Expires > now ? cached : Fresh(request, methodArn, now));
            answer = await entry.Answer.Value.ConfigureAwait(false);
            // Only policies are cached: a failure or a 401 asks the authorizer again next time.
            if (answer.Policy is null)
                _cache.TryRemove(KeyValuePair.Create(identity!, entry));
        }
        else
        {
            answer = await InvokeAsync(request, methodArn).ConfigureAwait(false);
        }

        if (answer.Policy is not { } policy)
            return new AuthorizerVerdict(answer.Refusal, null);
        if (!AuthorizerPolicy.Allows(policy.PolicyDocument, methodArn))
            return new AuthorizerVerdict(GatewayResponse.AccessDenied(), null);
        return new AuthorizerVerdict(null, Context(policy, answer.LatencyMs));
    }

    private CachedPolicy Fresh(APIGatewayProxyRequest request, string methodArn, DateTimeOffset now) =>
        new(new Lazy<Task<Answer>>(() => InvokeAsync(request, methodArn)), now + definition.CacheTtl);

    private async Task<Answer> InvokeAsync(APIGatewayProxyRequest request, string methodArn)
    {
        var started = clock.GetTimestamp();
        var payload = MinimalJsonEscaping.SerializeToUtf8Bytes(Event(request, methodArn), APIGatewayJsonContext.Default.APIGatewayCustomAuthorizerRequest);
        InvocationResult result;
        try
        {
            result = await functions.InvokeAsync(definition.FunctionLogicalId, payload, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No sandbox could take the invocation: the authorizer failed, as API Gateway answers it (500, a JSON body).
            return new Answer(null, GatewayResponse.AuthorizerFailed(), clock.GetElapsedTime(started).TotalMilliseconds);
        }
        var latencyMs = clock.GetElapsedTime(started).TotalMilliseconds;
        if (result.Error is { } error)
        {
            // API Gateway's one way for an authorizer to say 401: fail with the message "Unauthorized", exactly.
            var refusal = !result.Rejected && error.ErrorMessage == "Unauthorized"
                ? GatewayResponse.Unauthorized()
                : GatewayResponse.AuthorizerFailed();
            return new Answer(null, refusal, latencyMs);
        }
        var policy = Parse(result.Response);
        return policy is null ? new Answer(null, GatewayResponse.AuthorizerFailed(), latencyMs) : new Answer(policy, null, latencyMs);
    }

    private static APIGatewayCustomAuthorizerResponse? Parse(ReadOnlyMemory<byte> response)
    {
        try
        {
            var policy = JsonSerializer.Deserialize(response.Span, APIGatewayJsonContext.Default.APIGatewayCustomAuthorizerResponse);
            return policy?.PolicyDocument?.Statement is { Count: > 0 } && !string.IsNullOrEmpty(policy.PrincipalId) ? policy : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The REQUEST authorizer event: the request's parameters and context, no body.
    private static APIGatewayCustomAuthorizerRequest Event(APIGatewayProxyRequest request, string methodArn) => new()
    {
        Type = "REQUEST",
        MethodArn = methodArn,
        Resource = request.Resource,
        Path = request.Path,
        HttpMethod = request.HttpMethod,
        Headers = request.Headers,
        MultiValueHeaders = request.MultiValueHeaders,
        QueryStringParameters = request.QueryStringParameters,
        MultiValueQueryStringParameters = request.MultiValueQueryStringParameters,
        PathParameters = request.PathParameters,
        StageVariables = request.StageVariables,
        RequestContext = request.RequestContext,
    };

    // requestContext.authorizer of the integration's event: principalId, the authorizer's context, integrationLatency.
    private static Dictionary<string, JsonElement> Context(APIGatewayCustomAuthorizerResponse policy, double latencyMs)
    {
        var context = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in policy.Context ?? new Dictionary<string, JsonElement>())
            context[name] = value;
        context["principalId"] = JsonSerializer.SerializeToElement(policy.PrincipalId, LocalJsonContext.Default.String);
        context["integrationLatency"] = JsonSerializer.SerializeToElement((long)latencyMs, LocalJsonContext.Default.Int64);
        return context;
    }

    /// <summary>The identity-source values joined (the cache key), or null when one is missing or empty.</summary>
    private string? IdentityOf(APIGatewayProxyRequest request)
    {
        var values = new List<string>();
        foreach (var source in definition.IdentitySources)
        {
            var value = source switch
            {
                "context.identity.sourceIp" => request.RequestContext?.Identity?.SourceIp,
                _ when source.StartsWith("method.request.header.", StringComparison.Ordinal) =>
                    request.Headers?.FirstOrDefault(h => string.Equals(h.Key, source["method.request.header.".Length..], StringComparison.OrdinalIgnoreCase)).Value,
                _ when source.StartsWith("method.request.querystring.", StringComparison.Ordinal) =>
                    request.QueryStringParameters?.GetValueOrDefault(source["method.request.querystring.".Length..]),
                _ => null,
            };
            if (string.IsNullOrEmpty(value)) return null;
            values.Add(value);
        }
        return string.Join('\n', values);
    }

    /// <summary><c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c>, the resource the policy is checked against.</summary>
    public static string MethodArn(string stage, string method, string pathBelowStage) =>
        string.Create(CultureInfo.InvariantCulture,
            $"arn:aws:execute-api:{WorkerEnvironment.Region}:{PseudoParameters.AccountId}:{ProxyEvent.ApiId}/{stage}/{method}/{pathBelowStage.TrimStart('/')}");
}
