using Amazon.Lambda.Annotations;
using Amazon.Lambda.Annotations.APIGateway;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Dynamo.Core.Access;
using Dynamo.Lambda.Extensions;

namespace Dynamo.Functions;

/// <summary>
/// The REQUEST authorizer of the API (docs/security.md): admits callers whose TCP source address is in
/// <c>ALLOWED_CIDRS</c>, denies the others (403), and answers Unauthorized (401) when the event has no
/// source address. The policy covers the whole stage because API Gateway caches it by source IP
/// (template.yaml's identity source is <c>context.identity.sourceIp</c>, which the attribute cannot say).
/// </summary>
internal sealed class AuthorizerFunction(SourceIpAccess access)
{
    /// <summary>The authorizer's name, as routes name it: its ResourceName.</summary>
    public const string Name = "Authorizer";
    public const string AllowedCidrsVariable = "ALLOWED_CIDRS";
    private const string Invoke = "execute-api:Invoke";

    /// <summary>Reads the allow-list once; a missing or malformed one denies everyone and is logged here, once.</summary>
    public static AuthorizerFunction FromEnvironment(ILambdaLogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var access = SourceIpAccess.FromConfiguration(Environment.GetEnvironmentVariable(AllowedCidrsVariable));
        if (access.ConfigurationError is { } error)
            logger.LogLine($"ERROR {AllowedCidrsVariable}: {error}");
        return new AuthorizerFunction(access);
    }

    [LambdaFunction(ResourceName = Name, MemorySize = 256, Timeout = 10)]
    [RestApiAuthorizer(Type = RestApiAuthorizerType.Request, ResultTtlInSeconds = 300)]
    [EnvironmentVariable(AllowedCidrsVariable, "127.0.0.1/32,::1/128")]
    public APIGatewayCustomAuthorizerResponse Authorize(APIGatewayCustomAuthorizerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sourceIp = request.RequestContext?.Identity?.SourceIp;
        var decision = access.Decide(sourceIp);
        if (decision == AccessDecision.Unauthorized)
            throw new UnauthorizedException();

        var wholeStage = ApiArn.WholeStage(request.MethodArn);
        // Without a well-formed method ARN there is nothing safe to allow: deny everything.
        var effect = decision == AccessDecision.Allow && wholeStage is not null ? "Allow" : "Deny";
        return new APIGatewayCustomAuthorizerResponse
        {
            PrincipalID = sourceIp!,
            PolicyDocument = new APIGatewayCustomAuthorizerPolicy
            {
                Statement = [new APIGatewayCustomAuthorizerPolicy.IAMPolicyStatement { Effect = effect, Action = [Invoke], Resource = [wholeStage ?? "*"] }],
            },
        };
    }
}
