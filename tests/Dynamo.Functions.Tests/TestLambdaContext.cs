using Amazon.Lambda.Core;

namespace Dynamo.Functions.Tests;

/// <summary>A context for calling a function directly, with a deadline a minute away.</summary>
internal sealed class TestLambdaContext : ILambdaContext
{
    public string AwsRequestId { get; init; } = Guid.NewGuid().ToString();
    public string InvokedFunctionArn { get; init; } = "arn:aws:lambda:us-east-1:123456789012:function:dynamo";
    public string FunctionName => "dynamo";
    public string FunctionVersion => "$LATEST";
    public int MemoryLimitInMB => 1024;
    public string LogGroupName => "";
    public string LogStreamName => "";
    public DateTimeOffset Deadline { get; init; } = DateTimeOffset.UtcNow.AddMinutes(1);
    public TimeSpan RemainingTime => Deadline - DateTimeOffset.UtcNow;
    public ILambdaLogger Logger { get; } = new Lines();

    internal sealed class Lines : ILambdaLogger
    {
        public List<string> Logged { get; } = [];
        public void Log(string message) => Logged.Add(message);
        public void LogLine(string message) => Logged.Add(message);
    }
}
