using System.Net;
using System.Text.Json;
using Dynamo.Client.Sending;
using Dynamo.Contracts;

namespace Dynamo.Client.Discovery;

/// <summary>
/// <c>GET /datasets</c>, asked again while the API answers that it is busy: 408, 429 and every 5xx wait as a resend
/// would (the server's Retry-After, plus backoff with full jitter, <see cref="ResendPolicy"/>), as does a request
/// with no answer within <see cref="SendOptions.RequestTimeout"/>, until <see cref="SendOptions.TimeBudget"/> runs
/// out. Many clients starting together against a throttled stage are refused most of their first GETs, and each
/// must still start. A connection that cannot be made is thrown at once: nothing answers at that URL (a wrong port,
/// the API not running), which waiting does not fix.
/// </summary>
internal sealed class DatasetsCall(HttpClient http, Uri datasetsUri, SendOptions options)
{
    /// <exception cref="DynamoApiException">The API refused, answered something that is not a dataset list, or stayed busy for the whole budget.</exception>
    /// <exception cref="HttpRequestException">Nothing answers at the URL.</exception>
    public async Task<IReadOnlyList<DatasetDescription>> GetAsync(CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var policy = new ResendPolicy(options, Random.Shared);
        using var budget = new CancellationTokenSource(options.TimeBudget, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        Busy? last = null;
        try
        {
            for (var failures = 1; ; failures++)
            {
                var answer = await AskAsync(stop.Token).ConfigureAwait(false);
                if (answer.Datasets is { } datasets)
                    return datasets;
                last = answer.Busy!;
                await Task.Delay(policy.DelayAfter(last.Answer, failures), time, stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DynamoApiException(last?.Status ?? HttpStatusCode.RequestTimeout, null,
                $"GET {datasetsUri} gave no dataset list within {options.TimeBudget.TotalSeconds:0.#} s (last: {last?.Answer.Reason ?? "no answer"}); try later.");
        }
    }

    /// <summary>Why the API could not give the list now: what to wait for before asking again.</summary>
    private sealed record Busy(ResendAll Answer, HttpStatusCode? Status);

    private sealed record Asked(IReadOnlyList<DatasetDescription>? Datasets, Busy? Busy);

    private async Task<Asked> AskAsync(CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(options.RequestTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, datasetsUri);
            if (options.ApiKey is { } key)
                request.Headers.Add(SendOptions.ApiKeyHeader, key);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.OK && Parse(body) is { } datasets)
                return new Asked(datasets, null);
            // A quota used up (429 LimitExceededException) stays so until its period ends: not a wait, a refusal.
            if (status is 408 or 429 or >= 500 && ErrorBody.Parse(body)?.Type != ErrorTypes.LimitExceeded)
            {
                var wait = new ResendAll(ErrorBody.Describe(response, body), RetryAfterHeader.Of(response, options.TimeProvider), Throttled: status is 429 or 503);
                return new Asked(null, new Busy(wait, response.StatusCode));
            }
            var error = ErrorBody.Parse(body);
            var advice = error?.Type == ErrorTypes.InvalidApiKey ? " Send a valid API key (x-api-key: --api-key or DYNAMO_API_KEY)." : "";
            throw new DynamoApiException(response.StatusCode, error?.Type,
                $"GET {datasetsUri} answered {ErrorBody.Describe(response, body)} without a dataset list.{advice}");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            return new Asked(null, new Busy(new ResendAll($"no answer within {options.RequestTimeout.TotalSeconds:0.#} s", null, Throttled: false), null));
        }
    }

    private static IReadOnlyList<DatasetDescription>? Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, ContractsJsonContext.Default.DatasetList)?.Datasets;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
