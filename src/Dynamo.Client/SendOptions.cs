namespace Dynamo.Client;

/// <summary>How <see cref="IngestClient.SendAsync"/> cuts, sends and resends rows. The defaults follow the API's limits.</summary>
public sealed record SendOptions
{
    /// <summary>The API accepts 1..5,000 rows a request (docs/http-api.md, Limits).</summary>
    public const int ApiMaxRowsPerRequest = 5_000;

    /// <summary>
    /// The API answers 413 above 5 MB. 5,000,000 bytes stays under that limit whether the server reads
    /// "MB" as 10^6 or 2^20 bytes.
    /// </summary>
    public const int ApiMaxBodyBytes = 5_000_000;

    /// <summary>At most this many rows a request (1..5,000).</summary>
    public int MaxRowsPerRequest { get; init; } = ApiMaxRowsPerRequest;

    /// <summary>
    /// At most this many bytes of request body, envelope included, counted as the Lambda event carries the body
    /// (each <c>"</c> and <c>\</c> twice), so a request is within the API's 5 MB and Lambda's 6 MB event alike.
    /// </summary>
    public int MaxBodyBytes { get; init; } = ApiMaxBodyBytes;

    /// <summary>
    /// How many requests may be in flight (or waiting to resend) at once. 8 by measurement: 50,000 rows in requests of
    /// 5,000 against the local stack took 1.14x and 1.24x the bare BatchWriteItem floor at 8, 1.28x and 1.26x at 4
    /// (`scripts/bench local-stack send`, 2026-12-02, docs/performance.md): 10 requests in two waves, not three. It
    /// stays well under the ingest function's ReservedConcurrency (20 by default), leaving room for other clients.
    /// </summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>The default of <see cref="Concurrency"/>, and of <c>dynamo send --concurrency</c>.</summary>
    public const int DefaultConcurrency = 8;

    /// <summary>
    /// The dataset's key fields (partition key, then the optional sort key), used to keep two rows of one key
    /// out of concurrent requests. Null: asked from <c>GET /datasets</c> once per send. Empty: the dataset has
    /// no key fields (its key is a hash of the whole row, so order cannot matter).
    /// </summary>
    public IReadOnlyList<string>? KeyFields { get; init; }

    /// <summary>After this long the send stops and reports every row it could not confirm.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// A request without an answer after this long is abandoned and resent (safe: keys are idempotent).
    /// The gateway gives up after 29 s, so a healthy API always answers within the default.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>The first backoff ceiling after a failed request; it doubles per failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The highest backoff ceiling.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The header an API key travels in (API Gateway's API key source HEADER).</summary>
    public const string ApiKeyHeader = "x-api-key";

    /// <summary>
    /// The API key sent as <c>x-api-key</c> with every request, for a stage deployed with RequireApiKey
    /// (docs/api-keys.md); null sends none.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>The clock for delays, timeouts and the budget (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRowsPerRequest, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxRowsPerRequest, ApiMaxRowsPerRequest);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBodyBytes, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseBackoff, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, BaseBackoff);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (ApiKey is not null && (ApiKey.Length == 0 || ApiKey.Any(char.IsControl)))
            throw new ArgumentException("The API key must be non-empty text without control characters.", nameof(ApiKey));
        if (TimeBudget != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TimeBudget, TimeSpan.Zero);
        }
    }
}
