using Amazon.Lambda.Core;

namespace Dynamo.Lambda.Runtime;

/// <summary>Writes each line to standard output, where Lambda collects it (one CloudWatch Logs event per line).</summary>
public sealed class ConsoleLambdaLogger : ILambdaLogger
{
    public static ConsoleLambdaLogger Instance { get; } = new();

    public void Log(string message) => Console.Out.Write(message);

    public void LogLine(string message) => Console.Out.WriteLine(message);
}
