namespace Dynamo.Cli.Commands;

/// <summary>
/// A user's mistake found after parsing (a file that does not exist, a parameter the template does not
/// declare): the runner prints its message as one line and exits 2, without a stack trace.
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException() { }

    public UsageException(string message) : base(message) { }

    public UsageException(string message, Exception innerException) : base(message, innerException) { }
}
