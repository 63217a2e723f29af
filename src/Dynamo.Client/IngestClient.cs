using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dynamo.Client.Chunking;
using Dynamo.Client.Discovery;
using Dynamo.Client.Keys;
using Dynamo.Client.Sending;
using Dynamo.Contracts;

namespace Dynamo.Client;

/// <summary>
/// The Dynamo ingestion API from .NET: <see cref="SendAsync"/> stores any number of rows, resending exactly what
/// the API did not store, and <see cref="GetDatasetsAsync(CancellationToken)"/> lists the datasets.
/// </summary>
public sealed class IngestClient : IDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly Uri baseUrl;

    /// <param name="baseUrl">The API with its stage, e.g. <c>http://127.0.0.1:3000/dev</c>.</param>
    /// <param name="httpClient">
    /// Used as given (its handler, its timeout) and not disposed; null creates one with pooled connections.
    /// </param>
    public IngestClient(Uri baseUrl, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        // A base without a trailing slash would lose its stage when the route is appended.
        this.baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        (http, ownsHttp) = httpClient is null ? (CreateHttpClient(), true) : (httpClient, false);
    }

    /// <summary>
    /// Sends every row of <paramref name="rows"/> to the dataset and returns what became of each. Reads the input
    /// only as requests are built, so memory stays bounded by the requests in flight.
    /// Cancelling <paramref name="cancellationToken"/> stops like the time budget does: the result lists the
    /// rows read but not confirmed (<see cref="SendStop.Cancelled"/>).
    /// </summary>
    /// <exception cref="DynamoApiException">The API refused in a way no resend can fix (400, 401, 403, 404, 415).</exception>
    public Task<SendResult> SendAsync(string dataset, IAsyncEnumerable<JsonElement> rows, SendOptions? options = null,
        IProgress<SendProgress>? progress = null, CancellationToken cancellationToken = default) =>
        SendAsync(dataset, rows, fields => new JsonElementEncoder(fields), options, progress, cancellationToken);

    /// <summary>
    /// <see cref="SendAsync(string, IAsyncEnumerable{JsonElement}, SendOptions?, IProgress{SendProgress}?, CancellationToken)"/>
    /// for rows of your own type, serialized with <paramref name="rowType"/> (from a source-generated context: trim- and AOT-safe).
    /// </summary>
    public Task<SendResult> SendAsync<T>(string dataset, IAsyncEnumerable<T> rows, JsonTypeInfo<T> rowType,
        SendOptions? options = null, IProgress<SendProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rowType);
        return SendAsync(dataset, rows, fields => new TypedRowEncoder<T>(fields, rowType), options, progress, cancellationToken);
    }

    /// <summary>
    /// <c>GET /datasets</c>: each dataset's name, table, key fields and row schema. While the API answers that it is
    /// busy (408, 429, 5xx) or does not answer in time, it waits as a resend would and asks again, for at most the
    /// default <see cref="SendOptions.TimeBudget"/>.
    /// </summary>
    /// <exception cref="DynamoApiException">The API refused, did not answer with the dataset list, or stayed busy for the whole budget.</exception>
    /// <exception cref="HttpRequestException">Nothing answers at the base URL (a wrong URL, the API not running).</exception>
    public Task<IReadOnlyList<DatasetDescription>> GetDatasetsAsync(CancellationToken cancellationToken = default) =>
        GetDatasetsAsync(new SendOptions(), cancellationToken);

    /// <summary>
    /// <see cref="GetDatasetsAsync(CancellationToken)"/> with the waits, request timeout, time budget and clock of
    /// <paramref name="options"/>.
    /// </summary>
    /// <exception cref="DynamoApiException">The API refused, did not answer with the dataset list, or stayed busy for the whole budget.</exception>
    /// <exception cref="HttpRequestException">Nothing answers at the base URL (a wrong URL, the API not running).</exception>
    public Task<IReadOnlyList<DatasetDescription>> GetDatasetsAsync(SendOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new DatasetsCall(http, new Uri(baseUrl, "datasets"), options).GetAsync(cancellationToken);
    }

    /// <summary>Disposes the HttpClient if this client created it.</summary>
    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    private async Task<SendResult> SendAsync<T>(string dataset, IAsyncEnumerable<T> rows,
        Func<KeyFields, RowEncoder<T>> encoder, SendOptions? options, IProgress<SendProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataset);
        ArgumentNullException.ThrowIfNull(rows);
        options ??= new SendOptions();
        options.Validate();
        var started = options.TimeProvider.GetTimestamp();
        var keys = new KeyFields(options.KeyFields ?? await KeyFieldsOfAsync(dataset, options, cancellationToken).ConfigureAwait(false));
        // Asking for the key fields is part of the send: its waits come out of the same budget.
        if (options.TimeBudget != Timeout.InfiniteTimeSpan)
        {
            var left = options.TimeBudget - options.TimeProvider.GetElapsedTime(started);
            options = options with { TimeBudget = left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1) };
        }
        var call = new RowsPost(http, new Uri(baseUrl, $"datasets/{Uri.EscapeDataString(dataset)}/rows"), options);
        return await new SendRun<T>(call, encoder(keys), options, progress).RunAsync(rows, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> KeyFieldsOfAsync(string dataset, SendOptions options, CancellationToken cancellationToken)
    {
        var datasets = await GetDatasetsAsync(options, cancellationToken).ConfigureAwait(false);
        var description = datasets.FirstOrDefault(d => d.Name == dataset)
            ?? throw new DynamoApiException(HttpStatusCode.NotFound, ErrorTypes.NotFound,
                $"The API has no dataset '{dataset}'; it has: {string.Join(", ", datasets.Select(d => d.Name))}.");
        return [.. new[] { description.PartitionKey, description.SortKey }.OfType<string>()];
    }

    private static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        // Recycle connections so DNS changes (a redeployed API) are picked up; keep idle ones briefly for reuse.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(15),
        AutomaticDecompression = DecompressionMethods.All,
    })
    {
        // Each request has SendOptions.RequestTimeout on the send's clock instead.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
