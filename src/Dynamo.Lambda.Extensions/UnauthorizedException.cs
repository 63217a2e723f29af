namespace Dynamo.Lambda.Extensions;

/// <summary>
/// Thrown by a Lambda authorizer that cannot identify the caller. API Gateway answers 401 when the
/// authorizer's invocation fails with the error message <c>Unauthorized</c> exactly (a Deny policy is 403).
/// </summary>
public sealed class UnauthorizedException : Exception
{
    public const string ErrorMessage = "Unauthorized";

    public UnauthorizedException() : base(ErrorMessage) { }
}
