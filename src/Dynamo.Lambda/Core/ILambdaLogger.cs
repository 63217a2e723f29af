namespace Amazon.Lambda.Core;

/// <summary>Lines the function logs: Lambda sends a function's standard output to CloudWatch Logs, one event per line.</summary>
public interface ILambdaLogger
{
    void Log(string message);

    void LogLine(string message);

    void LogInformation(string message) => LogLine(message);

    void LogWarning(string message) => LogLine(message);

    void LogError(string message) => LogLine(message);
}
