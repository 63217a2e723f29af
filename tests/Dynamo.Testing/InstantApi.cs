using System.Globalization;
using System.Text;
using System.Text.Json;
using Dynamo.Local.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dynamo.Testing;

/// <summary>
/// A stand-in for the ingest API that stores nothing and answers every POST at once with "all stored": what a
/// load generator is measured against to find its own limits, and what a test of the generator's bookkeeping
/// runs against. It knows one dataset, <c>orders</c>, with the real declaration's schema.
/// </summary>
public sealed class InstantApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private long posts;

    private InstantApi(WebApplication app) => this.app = app;

    /// <summary>http://127.0.0.1:PORT/dev</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>POST requests answered.</summary>
    public long Posts => Interlocked.Read(ref posts);

    public static async Task<InstantApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var api = new InstantApi(builder.Build());
        var orders = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "src", "Dynamo.Core", "Datasets", "Declarations", "orders.json"));
        using var declaration = JsonDocument.Parse(orders);
        var datasets = Encoding.UTF8.GetBytes(
            $$"""{"datasets":[{"name":"orders","table":"orders","partitionKey":"orderId","schema":{{declaration.RootElement.GetProperty("schema").GetRawText()}}}]}""");
        api.app.MapGet("/dev/datasets", (HttpContext context) => Write(context, datasets));
        api.app.MapPost("/dev/datasets/{dataset}/rows", api.AnswerAsync);
        await api.app.StartAsync();
        var address = api.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.Url = new Uri(address + "/dev");
        return api;
    }

    private async Task AnswerAsync(HttpContext context, string dataset)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        var rows = body.RootElement.GetProperty("rows").GetArrayLength();
        Interlocked.Increment(ref posts);
        await Write(context, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$"""{"requestId":"instant","dataset":"{{dataset}}","complete":true,"summary":{"received":{{rows}},"stored":{{rows}},"invalid":0,"duplicate":0,"retry":0},"rows":[]}""")));
    }

    private static Task Write(HttpContext context, byte[] json)
    {
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(json).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
