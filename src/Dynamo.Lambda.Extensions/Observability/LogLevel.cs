namespace Dynamo.Lambda.Extensions.Observability;

/// <summary>The level of an invocation's log line, written as Lambda's own JSON logs write it (INFO, WARN, ERROR).</summary>
public enum LogLevel
{
    Info,
    Warn,
    Error,
}
