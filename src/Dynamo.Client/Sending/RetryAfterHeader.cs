namespace Dynamo.Client.Sending;

/// <summary>The server's least wait before asking again, from the Retry-After header.</summary>
internal static class RetryAfterHeader
{
    /// <summary>Retry-After as delay-seconds or as an HTTP-date (RFC 9110 section 10.2.3); null when absent.</summary>
    public static TimeSpan? Of(HttpResponseMessage response, TimeProvider time) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
