using System.Text.Json;
using Dynamo.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Dynamo.Client.Tests.Scripting;

/// <summary>One request the scripted API received: its number (from 1), the fake time it arrived, its rows.</summary>
public sealed record ApiRequest(int Number, DateTimeOffset At, IReadOnlyList<JsonElement> Rows, long BodyBytes, string? ContentType)
{
    public IReadOnlyList<string> Ids => [.. Rows.Select(r => r.GetProperty("id").GetString()!)];
}

/// <summary>
/// The ingest API on loopback Kestrel, answering each POST as the test's script says and logging which rows it
/// stored, in order. Times are read from the test's fake clock.
/// </summary>
public sealed class ScriptedApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly FakeTimeProvider clock;
    private readonly Func<ApiRequest, HttpContext, Task> script;
    private readonly Lock sync = new();
    private readonly List<ApiRequest> requests = [];
    private readonly List<JsonElement> stored = [];
    private int stalled;
    private int datasetRequests;

    private ScriptedApi(WebApplication app, FakeTimeProvider clock, Func<ApiRequest, HttpContext, Task> script)
    {
        this.app = app;
        this.clock = clock;
        this.script = script;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The test's fake time.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    public IReadOnlyList<DatasetDescription> Datasets { get; init; } = [];

    /// <summary>The statuses GET /datasets answers, in turn, before it answers the list (429 with Retry-After: 2).</summary>
    public IReadOnlyList<int> DatasetsRefusals { get; set; } = [];

    /// <summary>How many GET /datasets came.</summary>
    public int DatasetRequests => Volatile.Read(ref datasetRequests);

    /// <summary>Requests now waiting in <see cref="StallAsync"/>: the fake clock may run while only those are in flight.</summary>
    public int Stalled => Volatile.Read(ref stalled);

    public IReadOnlyList<ApiRequest> Requests
    {
        get { lock (sync) { return [.. requests]; } }
    }

    /// <summary>Every row stored, in the order the API stored them.</summary>
    public IReadOnlyList<JsonElement> Stored
    {
        get { lock (sync) { return [.. stored]; } }
    }

    public static async Task<ScriptedApi> StartAsync(FakeTimeProvider clock, Func<ApiRequest, HttpContext, Task> script,
        IReadOnlyList<DatasetDescription>? datasets = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 20_000_000);
        var app = builder.Build();
        var api = new ScriptedApi(app, clock, script) { Datasets = datasets ?? [] };
        app.Run(api.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        api.BaseUrl = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/dev");
        return api;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (HttpMethods.IsGet(context.Request.Method) && path == "/dev/datasets")
        {
            var number = Interlocked.Increment(ref datasetRequests);
            if (number <= DatasetsRefusals.Count)
            {
                var status = DatasetsRefusals[number - 1];
                await AnswerErrorAsync(context, status, status == 429 ? "ThrottledException" : "ServiceUnavailableException", "busy",
                    retryAfter: status == 429 ? "2" : null);
                return;
            }
            await WriteJsonAsync(context, 200, JsonSerializer.SerializeToUtf8Bytes(
                new DatasetList(Datasets), ContractsJsonContext.Default.DatasetList));
            return;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        using var document = JsonDocument.Parse(body.ToArray());
        ApiRequest request;
        lock (sync)
        {
            request = new ApiRequest(requests.Count + 1, clock.GetUtcNow(),
                [.. document.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.Clone())],
                body.Length, context.Request.ContentType);
            requests.Add(request);
        }
        await script(request, context);
    }

    /// <summary>Answers with a status for every row: the ones in <paramref name="notStored"/> by index, the rest stored.</summary>
    public Task AnswerRowsAsync(HttpContext context, ApiRequest request, int status,
        IReadOnlyDictionary<int, RowResult>? notStored = null, int? retryAfterMs = null, string? retryAfter = null)
    {
        notStored ??= new Dictionary<int, RowResult>();
        lock (sync)
        {
            stored.AddRange(request.Rows.Where((_, index) => !notStored.ContainsKey(index)));
        }
        var rows = notStored.OrderBy(r => r.Key).Select(r => r.Value with { Index = r.Key }).ToList();
        var response = new IngestResponse
        {
            RequestId = $"req-{request.Number}",
            Dataset = "orders",
            Complete = rows.All(r => r.Status != RowStatus.Retry),
            Summary = new IngestSummary(request.Rows.Count, request.Rows.Count - rows.Count,
                rows.Count(r => r.Status == RowStatus.Invalid), rows.Count(r => r.Status == RowStatus.Duplicate),
                rows.Count(r => r.Status == RowStatus.Retry), rows.Count(r => r.Status == RowStatus.Stale),
                rows.Count(r => r.Status == RowStatus.Conflict)),
            RetryAfterMs = retryAfterMs,
            Rows = rows,
        };
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        return WriteJsonAsync(context, status, JsonSerializer.SerializeToUtf8Bytes(response, ContractsJsonContext.Default.IngestResponse));
    }

    public Task StoreAllAsync(HttpContext context, ApiRequest request) => AnswerRowsAsync(context, request, 200);

    public static Task AnswerErrorAsync(HttpContext context, int status, string type, string message, string? retryAfter = null)
    {
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        return WriteJsonAsync(context, status, JsonSerializer.SerializeToUtf8Bytes(
            new ErrorResponse(message, type), ContractsJsonContext.Default.ErrorResponse));
    }

    public static async Task AnswerTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync(text);
    }

    /// <summary>Starts a 200 and drops the connection half-way through the body.</summary>
    public static async Task DropConnectionAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = 1000;
        await context.Response.WriteAsync("{\"requestId\":\"half");
        await context.Response.Body.FlushAsync();
        context.Abort();
    }

    /// <summary>Never answers: waits until the client gives up on the request.</summary>
    public async Task StallAsync(HttpContext context)
    {
        Interlocked.Increment(ref stalled);
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref stalled);
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
