using System.Net;
using System.Text;
using System.Text.Json;
using Dynamo.Client.Chunking;
using Dynamo.Contracts;

namespace Dynamo.Client.Sending;

/// <summary>One <c>POST /datasets/{dataset}/rows</c> and its classification into an <see cref="Answer"/>.</summary>
internal sealed class RowsPost(HttpClient http, Uri rowsUri, SendOptions options)
{
    /// <exception cref="OperationCanceledException">Only when <paramref name="stop"/> fired; a request timeout is an answer.</exception>
    public async Task<Answer> PostAsync(IReadOnlyList<PendingRow> rows, CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(options.RequestTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, rowsUri) { Content = new RowsContent(rows) };
        if (options.ApiKey is { } key)
            request.Headers.Add(SendOptions.ApiKeyHeader, key);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token)
                .ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            return Classify(response, body);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // Our timeout, or the caller's HttpClient.Timeout: the request may or may not have been written.
            return new ResendAll($"no answer within {options.RequestTimeout.TotalSeconds:0.#} s", null, Throttled: false);
        }
        catch (HttpRequestException e) when (!stop.IsCancellationRequested)
        {
            return new ResendAll($"connection failed: {e.Message}", null, Throttled: false);
        }
        catch (IOException e) when (!stop.IsCancellationRequested)
        {
            return new ResendAll($"connection failed: {e.Message}", null, Throttled: false);
        }
    }

    private Answer Classify(HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        var ingest = ParseIngest(body);
        switch (status)
        {
            case 200 or 207 when ingest is not null:
                return new RowsAnswer(status, ingest, null);
            case 200 or 207:
                return Refuse(response, body, "an answer that is not an ingest response");
            // The key's quota for the period is used up: resending before the period ends only meets it again.
            case 429 when ingest is null && ErrorBody.Parse(body)?.Type == ErrorTypes.LimitExceeded:
                return Refuse(response, body, null);
            case 429 or 503:
                var retryAfter = RetryAfterHeader.Of(response, options.TimeProvider);
                return ingest is not null
                    ? new RowsAnswer(status, ingest, retryAfter)
                    : new ResendAll(ErrorBody.Describe(response, body), retryAfter, Throttled: true, status);
            case 413:
                return new TooLarge(ErrorBody.Describe(response, body));
            // 408 and every 5xx (500, 502, 504, ...): the request is idempotent, so resend it with backoff,
            // whatever the body says (a gateway's 502 may be HTML).
            case 408 or >= 500:
                return new ResendAll(ErrorBody.Describe(response, body), null, Throttled: false, status);
            default:
                return Refuse(response, body, null);
        }
    }

    private static Refused Refuse(HttpResponseMessage response, byte[] body, string? what)
    {
        var error = ErrorBody.Parse(body);
        var detail = error is not null
            ? $"{error.Message} ({error.Type})"
            : what ?? $"a body that is not JSON: {Snippet(body)}";
        var advice = (response.StatusCode, error?.Type) switch
        {
            (HttpStatusCode.Unauthorized, _) => " The API could not identify the caller.",
            (HttpStatusCode.Forbidden, ErrorTypes.InvalidApiKey) => " Send a valid API key (x-api-key: --api-key or DYNAMO_API_KEY).",
            (HttpStatusCode.Forbidden, _) => " This caller's IP address is not allowed (AllowedCidrs).",
            (HttpStatusCode.TooManyRequests, _) => " The API key's usage plan quota is used up until its period ends.",
            (HttpStatusCode.NotFound, _) => " Check the URL (with its stage) and the dataset name.",
            _ => "",
        };
        return new Refused(new DynamoApiException(response.StatusCode, error?.Type,
            $"{response.RequestMessage?.RequestUri} answered HTTP {(int)response.StatusCode}: {detail}.{advice}"));
    }

    private static IngestResponse? ParseIngest(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, ContractsJsonContext.Default.IngestResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Snippet(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200)).ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "(empty)" : text;
    }
}
