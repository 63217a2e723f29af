using Dynamo.Load.Scenarios;

namespace Dynamo.Load.Tests;

public sealed class RateProfileTests
{
    [Fact]
    public void A_ramp_offers_its_average_rate_for_its_duration_rising_second_by_second()
    {
        var arrivals = RateProfile.For(Scenario.Ramp, rate: 5, peak: 40, TimeSpan.FromSeconds(20)).Arrivals().ToList();

        Assert.Equal(450, arrivals.Count);
        Assert.Equal(TimeSpan.Zero, arrivals[0]);
        Assert.True(arrivals.Zip(arrivals.Skip(1)).All(pair => pair.First < pair.Second));
        var perSecond = arrivals.GroupBy(a => (int)a.TotalSeconds).Select(g => g.Count()).ToList();
        Assert.Equal(20, perSecond.Count);
        Assert.InRange(perSecond[0], 5, 7);
        Assert.InRange(perSecond[^1], 38, 40);
    }

    [Fact]
    public void A_spike_holds_the_peak_for_the_middle_fifth()
    {
        var profile = RateProfile.For(Scenario.Spike, rate: 10, peak: 50, TimeSpan.FromSeconds(10));

        Assert.Equal(10, profile.RateAt(TimeSpan.FromSeconds(3.9)));
        Assert.Equal(50, profile.RateAt(TimeSpan.FromSeconds(4.5)));
        Assert.Equal(10, profile.RateAt(TimeSpan.FromSeconds(6.1)));
        Assert.Equal(8 * 10 + 2 * 50, profile.Arrivals().Count());
    }

    [Fact]
    public void Steps_climb_in_five_plateaus_from_rate_to_peak()
    {
        var profile = RateProfile.For(Scenario.Step, rate: 10, peak: 50, TimeSpan.FromSeconds(10));

        Assert.Equal([10, 20, 30, 40, 50], Enumerable.Range(0, 5).Select(i => profile.RateAt(TimeSpan.FromSeconds(2 * i + 1))));
        Assert.Equal(2 * (10 + 20 + 30 + 40 + 50), profile.Arrivals().Count());
    }
}
