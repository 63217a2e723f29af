namespace Dynamo.Load;

/// <summary>The load ran, but DynamoDB did not answer the read-back: nothing is known of what was stored.</summary>
public sealed class ReadBackException : Exception
{
    public ReadBackException() { }

    public ReadBackException(string message) : base(message) { }

    public ReadBackException(string message, Exception innerException) : base(message, innerException) { }
}
