using System.IO.Enumeration;
using Dynamo.Local.Gateway.Events;

namespace Dynamo.Local.Gateway;

/// <summary>
/// Whether an authorizer's IAM policy lets a request through, as API Gateway evaluates it: statements whose action
/// covers <c>execute-api:Invoke</c> and whose resource matches the request's method ARN (IAM wildcards <c>*</c> and
/// <c>?</c>); an explicit Deny wins, then an Allow; nothing matching denies.
/// </summary>
public static class AuthorizerPolicy
{
    public static bool Allows(APIGatewayCustomAuthorizerPolicy policy, string methodArn)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var matching = policy.Statement
            .Where(statement => statement.Action.Any(action => Matches(action, APIGatewayPolicyStatement.Invoke, ignoreCase: true))
                                && statement.Resource.Any(resource => Matches(resource, methodArn, ignoreCase: false)))
            .ToList();
        return !matching.Any(statement => string.Equals(statement.Effect, APIGatewayPolicyStatement.Deny, StringComparison.OrdinalIgnoreCase))
               && matching.Any(statement => string.Equals(statement.Effect, APIGatewayPolicyStatement.Allow, StringComparison.OrdinalIgnoreCase));
    }

    // IAM's wildcards are the file-name ones: * any run of characters, ? exactly one.
    private static bool Matches(string pattern, string value, bool ignoreCase) =>
        FileSystemName.MatchesSimpleExpression(pattern, value, ignoreCase);
}
