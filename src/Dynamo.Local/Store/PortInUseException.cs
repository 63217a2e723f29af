namespace Dynamo.Local.Store;

/// <summary>A port the stack was told to listen on is held by another process; <see cref="Port"/> says which.</summary>
public sealed class PortInUseException(int port, string listener, Exception? innerException = null)
    : InvalidOperationException($"Port {port} is held by another process: {listener} cannot listen on it.", innerException)
{
    public int Port { get; } = port;
}
