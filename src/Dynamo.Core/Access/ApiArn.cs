namespace Dynamo.Core.Access;

/// <summary>
/// execute-api ARNs: <c>arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{verb}/{resource}</c>.
/// </summary>
public static class ApiArn
{
    /// <summary>
    /// Every method of every resource of the method ARN's API and stage (<c>.../{stage}/*/*</c>). API
    /// Gateway caches an authorizer's policy by identity source (here the source IP) and applies it to the
    /// caller's later requests on any route, so a policy for the one route asked would deny the others.
    /// </summary>
    /// <returns>Null when <paramref name="methodArn"/> is not an execute-api method ARN.</returns>
    public static string? WholeStage(string? methodArn)
    {
        if (string.IsNullOrEmpty(methodArn)) return null;
        var parts = methodArn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "execute-api" || parts[1].Length == 0
            || parts[3].Length == 0 || parts[4].Length == 0)
            return null;
        var path = parts[5].Split('/');
        if (path.Length < 3 || path[0].Length == 0 || path[1].Length == 0) return null;
        return $"arn:{parts[1]}:execute-api:{parts[3]}:{parts[4]}:{path[0]}/{path[1]}/*/*";
    }
}
