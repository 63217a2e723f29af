namespace Dynamo.Client.Tests.Scripting;

/// <summary><see cref="Progress{T}"/> posts to the thread pool; this records in order, as reported.</summary>
public sealed class SynchronousProgress(List<SendProgress> into) : IProgress<SendProgress>
{
    public void Report(SendProgress value)
    {
        lock (into)
        {
            into.Add(value);
        }
    }
}
