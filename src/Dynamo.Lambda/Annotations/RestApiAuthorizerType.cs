namespace Dynamo.Lambda.Annotations;

/// <summary>What a REST API Lambda authorizer receives: one token header, or the whole request.</summary>
public enum RestApiAuthorizerType
{
    Token,
    Request,
}
