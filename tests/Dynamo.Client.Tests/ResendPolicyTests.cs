using Dynamo.Client.Sending;
using Dynamo.Contracts;

namespace Dynamo.Client.Tests;

public class ResendPolicyTests
{
    private static readonly SendOptions Options = new() { BaseBackoff = TimeSpan.FromMilliseconds(500), MaxBackoff = TimeSpan.FromSeconds(30) };

    [Fact]
    public void Backoff_is_full_jitter_under_a_doubling_ceiling_that_stops_at_the_maximum()
    {
        var policy = new ResendPolicy(Options, new Random(7));
        for (var failures = 1; failures <= 12; failures++)
        {
            var ceiling = TimeSpan.FromMilliseconds(Math.Min(30_000, 500 * Math.Pow(2, failures - 1)));
            var delays = Enumerable.Range(0, 200).Select(_ => policy.Backoff(failures)).ToList();
            Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, ceiling));
            // Full jitter spreads over the whole range, not around the ceiling.
            Assert.Contains(delays, d => d < ceiling / 4);
            Assert.Contains(delays, d => d > ceiling * 3 / 4);
        }
    }

    [Fact]
    public void The_servers_word_is_the_least_wait_Retry_After_then_retryAfterMs_with_jitter_on_top()
    {
        var policy = new ResendPolicy(Options, new Random(7));
        var response = new IngestResponse
        {
            RequestId = "r", Dataset = "orders", Complete = false, Summary = new IngestSummary(1, 0, 0, 0, 1),
            RetryAfterMs = 1200, Rows = [],
        };

        Assert.InRange(policy.DelayAfter(new RowsAnswer(429, response, TimeSpan.FromSeconds(3)), 1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.5));
        Assert.InRange(policy.DelayAfter(new RowsAnswer(207, response, null), 1), TimeSpan.FromMilliseconds(1200), TimeSpan.FromMilliseconds(1700));
        Assert.InRange(policy.DelayAfter(new ResendAll("HTTP 503", TimeSpan.FromSeconds(9), true), 5), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(17));
        Assert.InRange(policy.DelayAfter(new ResendAll("HTTP 502", null, false), 1), TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Clients_told_the_same_Retry_After_do_not_come_back_together()
    {
        var throttled = new ResendAll("HTTP 429", TimeSpan.FromSeconds(1), Throttled: true);
        var waits = Enumerable.Range(0, 50).Select(client => new ResendPolicy(Options, new Random(client)).DelayAfter(throttled, 3)).ToList();

        Assert.All(waits, wait => Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)));
        // Spread over the two seconds of jitter: no 100 ms slot holds more than a fifth of the clients.
        Assert.True(waits.GroupBy(wait => (int)(wait.TotalMilliseconds / 100)).Max(slot => slot.Count()) <= 10);
    }
}
