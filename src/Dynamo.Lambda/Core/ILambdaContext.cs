namespace Amazon.Lambda.Core;

/// <summary>
/// What one invocation knows about itself (the subset of Amazon.Lambda.Core's ILambdaContext the functions use):
/// the runtime API's <c>/next</c> headers plus the function's environment.
/// </summary>
public interface ILambdaContext
{
    /// <summary><c>Lambda-Runtime-Aws-Request-Id</c>.</summary>
    string AwsRequestId { get; }
    string FunctionName { get; }
    string FunctionVersion { get; }
    /// <summary><c>Lambda-Runtime-Invoked-Function-Arn</c>: the function, version or alias invoked.</summary>
    string InvokedFunctionArn { get; }
    ILambdaLogger Logger { get; }
    string LogGroupName { get; }
    string LogStreamName { get; }
    int MemoryLimitInMB { get; }
    /// <summary>The time left until Lambda stops the invocation (<c>Lambda-Runtime-Deadline-Ms</c>), never negative.</summary>
    TimeSpan RemainingTime { get; }
    /// <summary><c>Lambda-Runtime-Trace-Id</c>, also set as <c>_X_AMZN_TRACE_ID</c> during the invocation.</summary>
    string TraceId => string.Empty;
}
