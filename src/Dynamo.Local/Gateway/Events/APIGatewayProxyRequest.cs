namespace Dynamo.Local.Gateway.Events;

/// <summary>The event of an API Gateway REST API Lambda proxy integration (payload format 1.0): the request's parts and its body.</summary>
public sealed class APIGatewayProxyRequest : RestApiRequestEvent
{
    public string? Body { get; init; }
    /// <summary>True when <see cref="Body"/> is base64 (binary media types).</summary>
    public bool IsBase64Encoded { get; init; }
}
