using Dynamo.Core.Access;
using Dynamo.Lambda.Annotations;
using Dynamo.Lambda.Events;
using Dynamo.Lambda.Runtime;

namespace Dynamo.Functions;

/// <summary>
/// The REQUEST authorizer of the API (docs/security.md): admits callers whose TCP source address is in
/// <c>ALLOWED_CIDRS</c>, denies the others (403), and answers Unauthorized (401) when the event has no
/// source address. The policy covers the whole stage because API Gateway caches it by source IP.
/// </summary>
internal sealed class AuthorizerFunction(SourceIpAccess access)
{
    public const string AllowedCidrsVariable = "ALLOWED_CIDRS";

    /// <summary>Reads the allow-list once; a missing or malformed one denies everyone and is logged here, once.</summary>
    public static AuthorizerFunction FromEnvironment(ILambdaLogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var access = SourceIpAccess.FromConfiguration(Environment.GetEnvironmentVariable(AllowedCidrsVariable));
        if (access.ConfigurationError is { } error)
            logger.LogLine($"ERROR {AllowedCidrsVariable}: {error}");
        return new AuthorizerFunction(access);
    }

    [LambdaFunction(ResourceName = "Authorizer", MemorySize = 256, Timeout = 10)]
    [RestApiAuthorizer(Name = "SourceIpAuthorizer", IdentityContext = "identity.sourceIp")]
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
        var effect = decision == AccessDecision.Allow && wholeStage is not null ? APIGatewayPolicyStatement.Allow : APIGatewayPolicyStatement.Deny;
        return new APIGatewayCustomAuthorizerResponse
        {
            PrincipalId = sourceIp!,
            PolicyDocument = new APIGatewayCustomAuthorizerPolicy
            {
                Statement = [new APIGatewayPolicyStatement { Effect = effect, Resource = [wholeStage ?? "*"] }],
            },
        };
    }
}
