namespace Dynamo.Lambda.Runtime;

/// <summary>Lines the function logs: Lambda sends a function's standard output to CloudWatch Logs, one event per line.</summary>
public interface ILambdaLogger
{
    void LogLine(string message);
}

/// <summary>Writes each line to standard output, where Lambda collects it.</summary>
public sealed class ConsoleLambdaLogger : ILambdaLogger
{
    public static ConsoleLambdaLogger Instance { get; } = new();

    public void LogLine(string message) => Console.Out.WriteLine(message);
}
