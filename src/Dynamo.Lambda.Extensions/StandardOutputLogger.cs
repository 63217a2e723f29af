using Amazon.Lambda.Core;

namespace Dynamo.Lambda.Extensions;

/// <summary>An <see cref="ILambdaLogger"/> for start-up, before any invocation's context exists: standard output, which Lambda sends to CloudWatch Logs.</summary>
public sealed class StandardOutputLogger : ILambdaLogger
{
    public static StandardOutputLogger Instance { get; } = new();

    public void Log(string message) => Console.Out.Write(message);

    public void LogLine(string message) => Console.Out.WriteLine(message);
}
