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
    public void The_servers_word_comes_first_Retry_After_then_retryAfterMs()
    {
        var policy = new ResendPolicy(Options, new Random(7));
        var response = new IngestResponse
        {
            RequestId = "r", Dataset = "orders", Complete = false, Summary = new IngestSummary(1, 0, 0, 0, 1),
            RetryAfterMs = 1200, Rows = [],
        };

        Assert.Equal(TimeSpan.FromSeconds(3), policy.DelayAfter(new RowsAnswer(429, response, TimeSpan.FromSeconds(3)), 1));
        Assert.Equal(TimeSpan.FromMilliseconds(1200), policy.DelayAfter(new RowsAnswer(207, response, null), 5));
        Assert.Equal(TimeSpan.FromSeconds(9), policy.DelayAfter(new ResendAll("HTTP 503", TimeSpan.FromSeconds(9), true), 5));
        Assert.InRange(policy.DelayAfter(new ResendAll("HTTP 502", null, false), 1), TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
    }
}
