namespace Dynamo.Client.Tests.Scripting;

/// <summary>
/// Counts the client's requests in flight, until their body is read, so the test's clock only runs while the
/// client waits on its own timers (or on a request the API stalls on purpose).
/// </summary>
public sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int inFlight;

    public int InFlight => Volatile.Read(ref inFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref inFlight);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }
}
