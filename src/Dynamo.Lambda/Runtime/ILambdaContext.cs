namespace Dynamo.Lambda.Runtime;

/// <summary>
/// What one invocation knows about itself: the runtime API's <c>/next</c> headers plus the function's
/// environment (the shape of Amazon.Lambda.Core's ILambdaContext).
/// </summary>
public interface ILambdaContext
{
    /// <summary><c>Lambda-Runtime-Aws-Request-Id</c>.</summary>
    string AwsRequestId { get; }
    /// <summary><c>Lambda-Runtime-Invoked-Function-Arn</c>: the function, version or alias invoked.</summary>
    string InvokedFunctionArn { get; }
    string FunctionName { get; }
    string FunctionVersion { get; }
    int MemoryLimitInMB { get; }
    string LogGroupName { get; }
    string LogStreamName { get; }
    /// <summary>When Lambda stops the invocation: <c>Lambda-Runtime-Deadline-Ms</c>.</summary>
    DateTimeOffset Deadline { get; }
    /// <summary>The time left until <see cref="Deadline"/> (never negative).</summary>
    TimeSpan RemainingTime { get; }
    /// <summary><c>Lambda-Runtime-Trace-Id</c>, also set as <c>_X_AMZN_TRACE_ID</c> during the invocation.</summary>
    string? TraceId { get; }
    /// <summary><c>Lambda-Runtime-Client-Context</c> (JSON), for invocations from the AWS Mobile SDK.</summary>
    string? ClientContext { get; }
    /// <summary><c>Lambda-Runtime-Cognito-Identity</c> (JSON), for invocations from the AWS Mobile SDK.</summary>
    string? CognitoIdentity { get; }
    ILambdaLogger Logger { get; }
}
