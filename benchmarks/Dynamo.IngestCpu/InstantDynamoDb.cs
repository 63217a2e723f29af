using System.Globalization;
using System.IO.Hashing;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dynamo.IngestCpu;

/// <summary>
/// A DynamoDB endpoint on loopback that answers every BatchWriteItem at once with nothing unprocessed, so the
/// function's CPU is measured without the store's: it reads each request body and throws it away.
/// </summary>
internal sealed class InstantDynamoDb : IAsyncDisposable
{
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes("""{"UnprocessedItems":{}}""");
    // The SDK checks x-amz-crc32, the CRC-32 of the body as an unsigned decimal, and throws on a mismatch.
    private static readonly string AnswerCrc32 = Crc32.HashToUInt32(Answer).ToString(CultureInfo.InvariantCulture);

    private readonly WebApplication _app;
    private long _calls;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _connections = new();

    private InstantDynamoDb(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>BatchWriteItem calls answered so far.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>TCP connections the calls came on: the function's HTTP client keeps them open and reuses them.</summary>
    public int Connections => _connections.Count;

    public static async Task<InstantDynamoDb> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var store = new InstantDynamoDb(app);
        app.MapPost("/", store.AnswerAsync);
        await app.StartAsync().ConfigureAwait(false);
        store.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return store;
    }

    private async Task AnswerAsync(HttpContext http)
    {
        await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted).ConfigureAwait(false);
        Interlocked.Increment(ref _calls);
        _connections.TryAdd(http.Connection.Id, true);
        http.Response.ContentType = "application/x-amz-json-1.0";
        http.Response.ContentLength = Answer.Length;
        http.Response.Headers["x-amz-crc32"] = AnswerCrc32;
        await http.Response.Body.WriteAsync(Answer, http.RequestAborted).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
