using Dynamo.Lambda.Extensions.Observability;

namespace Dynamo.Lambda.Tests.Observability;

public class ColdStartTests
{
    [Fact]
    public void Only_the_first_invocation_of_an_on_demand_environment_is_a_cold_start()
    {
        var coldStart = new ColdStart("on-demand");

        Assert.True(coldStart.Take());
        Assert.False(coldStart.Take());
        Assert.False(coldStart.Take());
    }

    [Fact]
    public void An_environment_prewarmed_by_provisioned_concurrency_never_serves_a_cold_start()
    {
        Assert.False(new ColdStart("provisioned-concurrency").Take());
    }
}
