namespace Dynamo.Lambda.Runtime;

/// <summary>
/// One event from <c>GET /runtime/invocation/next</c>. <see cref="Payload"/> lives in the client's reused
/// buffer: it is valid until the next call to <see cref="RuntimeApiClient.NextAsync"/>.
/// </summary>
public sealed record Invocation(
    string RequestId,
    DateTimeOffset Deadline,
    string InvokedFunctionArn,
    string? TraceId,
    string? ClientContext,
    string? CognitoIdentity,
    ReadOnlyMemory<byte> Payload);
