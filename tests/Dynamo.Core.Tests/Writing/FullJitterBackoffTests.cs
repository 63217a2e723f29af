using Dynamo.Core.Writing;

namespace Dynamo.Core.Tests.Writing;

public class FullJitterBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(2);

    [Fact]
    public void The_ceiling_doubles_with_each_retry_up_to_the_cap()
    {
        var backoff = new FullJitterBackoff(Base, Cap, Random.Shared);

        Assert.Equal(
            [50, 100, 200, 400, 800, 1600, 2000, 2000],
            Enumerable.Range(1, 8).Select(n => backoff.Ceiling(n).TotalMilliseconds));
        Assert.Equal(Cap, backoff.Ceiling(1_000));
    }

    [Fact]
    public void A_wait_is_the_drawn_fraction_of_its_ceiling()
    {
        var backoff = new FullJitterBackoff(Base, Cap, new Jitter(0.25));

        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.Delay(4));
    }

    [Fact]
    public void Waits_are_spread_over_the_whole_range_from_zero_to_the_ceiling()
    {
        var backoff = new FullJitterBackoff(Base, Cap, new Random(7));

        var waits = Enumerable.Range(0, 1_000).Select(_ => backoff.Delay(5).TotalMilliseconds).ToList();

        Assert.All(waits, w => Assert.InRange(w, 0, 800));
        Assert.True(waits.Min() < 80 && waits.Max() > 720, "full jitter reaches both ends of [0, 800 ms)");
        Assert.True(waits.Distinct().Count() > 900, "waits are jittered, not repeated");
    }
}
