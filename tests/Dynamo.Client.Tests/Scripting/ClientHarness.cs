using System.Diagnostics;
using System.Text.Json;
using Dynamo.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Dynamo.Client.Tests.Scripting;

/// <summary>A <see cref="IngestClient"/> against a <see cref="ScriptedApi"/>, on a fake clock that the harness runs.</summary>
public sealed class ClientHarness : IAsyncDisposable
{
    /// <summary>How far the fake clock moves each time the client is idle.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly CountingHandler handler = new();
    private readonly HttpClient http;

    private ClientHarness(ScriptedApi api, FakeTimeProvider clock)
    {
        Api = api;
        Clock = clock;
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        Client = new IngestClient(api.BaseUrl, http);
    }

    public ScriptedApi Api { get; }
    public FakeTimeProvider Clock { get; }
    public IngestClient Client { get; }
    public DateTimeOffset Start { get; private set; }

    public static async Task<ClientHarness> StartAsync(Func<ScriptedApi, ApiRequest, HttpContext, Task> script,
        IReadOnlyList<DatasetDescription>? datasets = null)
    {
        var clock = new FakeTimeProvider();
        ScriptedApi? api = null;
        api = await ScriptedApi.StartAsync(clock, (request, context) => script(api!, request, context), datasets);
        return new ClientHarness(api, clock);
    }

    /// <summary>Options for the fake clock, keyed on <c>id</c>, with whatever the test changes.</summary>
    public SendOptions Options(Func<SendOptions, SendOptions>? change = null)
    {
        var options = new SendOptions { TimeProvider = Clock, KeyFields = ["id"], RequestTimeout = TimeSpan.FromSeconds(10) };
        return change is null ? options : change(options);
    }

    /// <summary>Sends the rows, moving the fake clock whenever no request is being answered.</summary>
    public async Task<SendResult> SendAsync(IAsyncEnumerable<JsonElement> rows, SendOptions options,
        IProgress<SendProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Start = Clock.GetUtcNow();
        var send = Client.SendAsync("orders", rows, options, progress, cancellationToken);
        return await RunClockUntil(send);
    }

    public async Task<T> RunClockUntil<T>(Task<T> task)
    {
        // A guard against a hung test, in real time; generous because the machine is shared.
        var guard = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(1));
            if (handler.InFlight <= Api.Stalled)
            {
                Clock.Advance(Tick);
            }
            if (guard.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The send did not finish within 60 s of real time.");
            }
        }
        return await task;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        http.Dispose();
        await Api.DisposeAsync();
    }
}
