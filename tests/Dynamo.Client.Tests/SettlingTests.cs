using System.Text.Json;
using Dynamo.Client.Tests.Scripting;
using Dynamo.Contracts;

namespace Dynamo.Client.Tests;

/// <summary>What the progress events promise a checkpoint: which rows are final, and each invalid row once.</summary>
public class SettlingTests
{
    [Fact]
    public async Task SettledThrough_never_passes_a_row_still_unconfirmed_however_many_later_rows_are_stored()
    {
        // r-3 is left for retry with a long wait while the later chunks are stored. Its first request, whatever its
        // number: with three requests in flight, another chunk's may reach the API first.
        var heldBack = 0;
        await using var harness = await ClientHarness.StartAsync((api, request, context) =>
        {
            var at = request.Ids.ToList().IndexOf("r-3");
            return at >= 0 && Interlocked.Exchange(ref heldBack, 1) == 0
                ? api.AnswerRowsAsync(context, request, 207, new Dictionary<int, RowResult>
                {
                    [at] = new() { Index = at, Status = RowStatus.Retry, Reason = RetryReasons.Throttled },
                }, retryAfterMs: 20_000)
                : api.StoreAllAsync(context, request);
        });
        var progress = new List<SendProgress>();

        var result = await harness.SendAsync(Rows.Numbered(40), harness.Options(o => o with { MaxRowsPerRequest = 5, Concurrency = 3 }),
            new SynchronousProgress(progress));

        Assert.Equal(40, result.Stored);
        var whileWaiting = progress.Where(p => p.RowsStored < 40).ToList();
        Assert.Contains(whileWaiting, p => p.RowsStored >= 10);
        Assert.All(whileWaiting, p => Assert.True(p.SettledThrough <= 3, $"settled through {p.SettledThrough} with r-3 unconfirmed"));
        Assert.Equal(40, progress[^1].SettledThrough);
        Assert.Equal(progress.Select(p => p.SettledThrough).Order(), progress.Select(p => p.SettledThrough));
    }

    [Fact]
    public async Task Each_invalid_row_is_reported_in_exactly_one_progress_event()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) =>
            api.AnswerRowsAsync(context, request, 207, new Dictionary<int, RowResult>
            {
                [1] = new() { Index = 1, Status = RowStatus.Invalid, Errors = ["amount: expected number"] },
            }));
        var progress = new List<SendProgress>();
        // The last row can never be sent: the client refuses it before any request, after the last answer.
        var rows = Rows.Of([.. Enumerable.Range(0, 12).Select(i => Rows.Row($"r-{i}", 1)), "[1]"]);

        var result = await harness.SendAsync(rows, harness.Options(o => o with { MaxRowsPerRequest = 4, Concurrency = 2 }),
            new SynchronousProgress(progress));

        var reported = progress.SelectMany(p => p.NewInvalidRows).Select(r => r.Position).Order().ToList();
        Assert.Equal([1L, 5, 9, 12], reported);
        Assert.Equal(result.InvalidRows.Select(r => r.Position), reported);
        Assert.Equal(13, progress[^1].SettledThrough);
    }

    [Fact]
    public async Task An_input_that_fails_lets_the_requests_in_flight_finish_then_throws_its_error()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => api.StoreAllAsync(context, request));
        var progress = new List<SendProgress>();

        var send = harness.SendAsync(FailingAfter(7), harness.Options(o => o with { MaxRowsPerRequest = 3 }), new SynchronousProgress(progress));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => send);
        Assert.Equal("line 8 is broken", error.Message);
        Assert.Equal(6, harness.Api.Stored.Count);
        Assert.Equal(6, progress[^1].SettledThrough);
    }

    private static async IAsyncEnumerable<JsonElement> FailingAfter(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return JsonDocument.Parse(Rows.Row($"r-{i}", 1)).RootElement.Clone();
        }
        throw new InvalidDataException($"line {count + 1} is broken");
    }
}
