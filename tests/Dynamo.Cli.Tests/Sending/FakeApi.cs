using System.Text.Json;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Core.Rows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dynamo.Cli.Tests.Sending;

/// <summary>How the fake API answers one request.</summary>
public enum Reply
{
    /// <summary>As the real function: the rows validated by the dataset's schema, the valid ones stored.</summary>
    AsTheFunction,
    /// <summary>503 with Retry-After: 1, nothing stored.</summary>
    Unavailable,
}

/// <summary>
/// The ingest API on loopback Kestrel for `dynamo send`: GET /dev/datasets from the real declarations, POST validated
/// by the real <see cref="RowPreparer"/>; a script may answer a request otherwise or leave rows for retry.
/// </summary>
public sealed class FakeApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Lock sync = new();
    private readonly List<IReadOnlyList<JsonElement>> received = [];
    private readonly List<JsonElement> stored = [];
    private readonly DatasetCatalog catalog = DatasetCatalog.Load("");

    private FakeApi(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Decides each request's answer from its number (from 1) and rows; the default answers as the function.</summary>
    public Func<int, IReadOnlyList<JsonElement>, Reply> Script { get; set; } = (_, _) => Reply.AsTheFunction;

    /// <summary>Rows (by "orderId") the API leaves for retry every time, as a store that keeps throttling them would.</summary>
    public HashSet<string> NeverStored { get; } = [];

    /// <summary>Rows (by "orderId") the API answers stale, as a versioned table holding a newer version would.</summary>
    public HashSet<string> StaleIds { get; } = [];

    /// <summary>Rows (by "orderId") the API answers conflict, with the stored item's hash, as a versioned table holding their version with other content would.</summary>
    public Dictionary<string, string> ConflictingIds { get; } = [];

    /// <summary>Every request's rows, in arrival order.</summary>
    public IReadOnlyList<IReadOnlyList<JsonElement>> Received
    {
        get { lock (sync) return [.. received]; }
    }

    public IReadOnlyList<JsonElement> Stored
    {
        get { lock (sync) return [.. stored]; }
    }

    public IReadOnlyList<string> StoredIds => [.. Stored.Select(r => r.GetProperty("orderId").GetString()!)];

    public IReadOnlyList<string> SentIds => [.. Received.SelectMany(r => r).Select(r => r.TryGetProperty("orderId", out var id) ? id.ToString() : "?")];

    public static async Task<FakeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new FakeApi(app);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        api.Url = new Uri(address + "/dev");
        return api;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (HttpMethods.IsGet(context.Request.Method) && path == "/dev/datasets")
        {
            var list = new DatasetList([.. catalog.All.Select(d => new DatasetDescription
            {
                Name = d.Name, Table = d.Table, PartitionKey = d.PartitionKey.Name, SortKey = d.SortKey?.Name, VersionField = d.Version?.Name, Schema = d.Schema,
            })]);
            await WriteAsync(context, 200, JsonSerializer.SerializeToUtf8Bytes(list, ContractsJsonContext.Default.DatasetList));
            return;
        }
        var dataset = catalog[path.Split('/')[3]];
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        using var document = JsonDocument.Parse(body.ToArray());
        var rows = document.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.Clone()).ToList();
        int number;
        lock (sync)
        {
            received.Add(rows);
            number = received.Count;
        }
        if (Script(number, rows) == Reply.Unavailable)
        {
            context.Response.Headers.RetryAfter = "1";
            await WriteAsync(context, 503, JsonSerializer.SerializeToUtf8Bytes(
                new ErrorResponse("store unavailable", ErrorTypes.ServiceUnavailable), ContractsJsonContext.Default.ErrorResponse));
            return;
        }
        using var prepared = RowPreparer.Prepare(dataset, body.ToArray(), $"req-{number}", DateTimeOffset.UtcNow);
        var results = new List<RowResult>();
        lock (sync)
        {
            foreach (var row in prepared.Rows)
            {
                if (row.Status is { } status)
                    results.Add(new RowResult { Index = row.Index, Status = status, Errors = row.Errors });
                else if (rows[row.Index].TryGetProperty("orderId", out var id) && NeverStored.Contains(id.ToString()))
                    results.Add(new RowResult { Index = row.Index, Status = RowStatus.Retry, Reason = RetryReasons.Throttled });
                else if (StaleIds.Contains(id.ToString()))
                    results.Add(new RowResult { Index = row.Index, Status = RowStatus.Stale });
                else if (ConflictingIds.TryGetValue(id.ToString(), out var storedHash))
                    results.Add(new RowResult { Index = row.Index, Status = RowStatus.Conflict, StoredHash = storedHash });
                else
                    stored.Add(rows[row.Index]);
            }
        }
        var response = new IngestResponse
        {
            RequestId = $"req-{number}",
            Dataset = dataset.Name,
            Complete = results.All(r => r.Status != RowStatus.Retry),
            Summary = new IngestSummary(rows.Count, rows.Count - results.Count, results.Count(r => r.Status == RowStatus.Invalid),
                results.Count(r => r.Status == RowStatus.Duplicate), results.Count(r => r.Status == RowStatus.Retry),
                results.Count(r => r.Status == RowStatus.Stale), results.Count(r => r.Status == RowStatus.Conflict)),
            RetryAfterMs = results.Any(r => r.Status == RowStatus.Retry) ? 200 : null,
            Rows = results,
        };
        // As docs/http-api.md says: stored, duplicate and stale rows alone make a 200; invalid, conflict or retry rows a 207.
        var settledAlone = results.All(r => r.Status is RowStatus.Duplicate or RowStatus.Stale);
        await WriteAsync(context, settledAlone ? 200 : 207, JsonSerializer.SerializeToUtf8Bytes(response, ContractsJsonContext.Default.IngestResponse));
    }

    private static async Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }

    private bool disposed;

    public async ValueTask DisposeAsync()
    {
        if (disposed)
            return;
        disposed = true;
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
