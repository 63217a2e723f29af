using Dynamo.Client.Tests.Scripting;
using Dynamo.Contracts;

namespace Dynamo.Client.Tests;

public class OrderingTests
{
    [Fact]
    public async Task A_resend_never_puts_an_older_version_of_a_key_over_a_newer_one()
    {
        // Key 'hot' appears in four chunks, versions 1..4. The first time the API sees it, it leaves it for retry,
        // with a long wait; a client that sent the later chunks meanwhile would store version 1 last.
        var rows = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            rows.Add(i % 5 == 2 && i < 20 ? Rows.Row("hot", (i / 5) + 1) : Rows.Row($"r-{i}", 1));
        }
        var leftHot = 0;
        await using var harness = await ClientHarness.StartAsync((api, request, context) =>
        {
            var hot = request.Ids.ToList().IndexOf("hot");
            return hot >= 0 && Interlocked.Exchange(ref leftHot, 1) == 0
                ? api.AnswerRowsAsync(context, request, 207, new Dictionary<int, RowResult>
                {
                    [hot] = new() { Index = hot, Status = RowStatus.Retry, Reason = RetryReasons.Throttled },
                }, retryAfterMs: 5000)
                : api.StoreAllAsync(context, request);
        });

        var result = await harness.SendAsync(Rows.Of([.. rows]), harness.Options(o => o with { MaxRowsPerRequest = 5, Concurrency = 4 }));

        var hotVersions = harness.Api.Stored.Where(r => r.GetProperty("id").GetString() == "hot")
            .Select(r => r.GetProperty("v").GetInt32()).ToList();
        Assert.Equal([1, 2, 3, 4], hotVersions);
        Assert.Equal(40, result.Stored);
    }

    [Fact]
    public async Task Rows_of_other_keys_are_sent_concurrently()
    {
        var concurrent = 0;
        var peak = 0;
        var bothIn = new TaskCompletionSource();
        await using var harness = await ClientHarness.StartAsync(async (api, request, context) =>
        {
            var now = Interlocked.Increment(ref concurrent);
            InterlockedMax(ref peak, now);
            if (now == 2)
            {
                bothIn.TrySetResult();
            }
            await bothIn.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Interlocked.Decrement(ref concurrent);
            await api.StoreAllAsync(context, request);
        });

        var result = await harness.SendAsync(Rows.Numbered(20), harness.Options(o => o with { MaxRowsPerRequest = 10, Concurrency = 2 }));

        Assert.Equal(2, peak);
        Assert.Equal(20, result.Stored);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
