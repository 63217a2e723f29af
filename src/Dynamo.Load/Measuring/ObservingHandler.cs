using System.Text.Json;
using Dynamo.Contracts;

namespace Dynamo.Load.Measuring;

/// <summary>
/// Sits under the client's HttpClient and records every request it makes, resends included: when it was sent,
/// how long the answer took, its status, and the row counts of the answer. The client's resend logic stays
/// exactly what consumers run; this only watches.
/// </summary>
internal sealed class ObservingHandler(LoadTimeline timeline, TimeProvider time, long origin, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = time.GetTimestamp();
        var started = time.GetElapsedTime(origin, sent);
        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            // Buffered, so the client reads the same body after us.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            timeline.Record(new Exchange(started, time.GetElapsedTime(sent), null, false, 0, 0) { Ended = time.GetElapsedTime(origin) });
            throw;
        }
        var latency = time.GetElapsedTime(sent);
        var answer = Answer(body);
        var summary = answer?.Summary;
        timeline.Record(new Exchange(started, latency, (int)response.StatusCode, summary is not null, summary?.Stored ?? 0, summary?.Retry ?? 0)
        {
            StoreThrottledRows = answer?.Rows.Count(row => row.Reason == RetryReasons.Throttled) ?? 0,
            Refusal = GatewayRefusal.Of(response, body),
            Ended = time.GetElapsedTime(origin),
        });
        return response;
    }

    private static IngestResponse? Answer(byte[] body)
    {
        if (body.Length == 0 || body[0] != (byte)'{') return null;
        try
        {
            return JsonSerializer.Deserialize(body, ContractsJsonContext.Default.IngestResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
