namespace Dynamo.Load;

/// <summary>The run cannot be set up as asked (a dataset whose rows it cannot make, a key it cannot own): nothing was sent.</summary>
public sealed class LoadSetupException : Exception
{
    public LoadSetupException() { }

    public LoadSetupException(string message) : base(message) { }

    public LoadSetupException(string message, Exception innerException) : base(message, innerException) { }
}
