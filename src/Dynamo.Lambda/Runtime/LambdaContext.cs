using Amazon.Lambda.Core;

namespace Dynamo.Lambda.Runtime;

/// <summary>The context of one invocation: its headers, the function's environment, and a clock for the time left.</summary>
public sealed class LambdaContext(Invocation invocation, FunctionEnvironment environment, TimeProvider clock, ILambdaLogger logger) : ILambdaContext
{
    public string AwsRequestId => invocation.RequestId;
    public string InvokedFunctionArn => invocation.InvokedFunctionArn;
    public string FunctionName => environment.FunctionName;
    public string FunctionVersion => environment.FunctionVersion;
    public int MemoryLimitInMB => environment.MemoryLimitInMB;
    public string LogGroupName => environment.LogGroupName;
    public string LogStreamName => environment.LogStreamName;
    public DateTimeOffset Deadline => invocation.Deadline;
    public TimeSpan RemainingTime
    {
        get
        {
            var left = invocation.Deadline - clock.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }
    public string TraceId => invocation.TraceId ?? "";
    public string? ClientContext => invocation.ClientContext;
    public string? CognitoIdentity => invocation.CognitoIdentity;
    public ILambdaLogger Logger => logger;
}
