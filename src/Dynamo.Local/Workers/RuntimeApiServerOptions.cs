namespace Dynamo.Local.Workers;

/// <summary>How a <see cref="RuntimeApiServer"/> presents the function to its runtime.</summary>
public sealed record RuntimeApiServerOptions
{
    /// <summary>Sent as <c>Lambda-Runtime-Invoked-Function-Arn</c>.</summary>
    public string FunctionArn { get; init; } = "arn:aws:lambda:us-east-1:000000000000:function:dynamo";
    /// <summary>Lambda's synchronous response limit: 6 MB; a larger response fails the invocation.</summary>
    public int MaxResponseBytes { get; init; } = 6 * 1024 * 1024;
    /// <summary>0 picks a free port (Kestrel binds it, so no other process can take it first).</summary>
    public int Port { get; init; }
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>Optional per-invocation headers, as Lambda sends them for X-Ray and the AWS Mobile SDK.</summary>
public sealed record InvocationHeaders
{
    /// <summary><c>Lambda-Runtime-Trace-Id</c>; one is made up when null.</summary>
    public string? TraceId { get; init; }
    public string? ClientContext { get; init; }
    public string? CognitoIdentity { get; init; }
}
