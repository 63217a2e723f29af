namespace Dynamo.Local.Gateway.Events;

/// <summary>The event of a Lambda authorizer of type REQUEST on a REST API: the request's parts and which method it calls.</summary>
public sealed class APIGatewayCustomAuthorizerRequest : RestApiRequestEvent
{
    /// <summary><c>REQUEST</c> (or <c>TOKEN</c> for token authorizers).</summary>
    public string? Type { get; init; }
    /// <summary><c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{verb}/{resource}</c>.</summary>
    public string? MethodArn { get; init; }
}
