using Dynamo.Core.Writing;

namespace Dynamo.Core.Tests.Writing;

public class WriteBudgetTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    [Fact]
    public void The_integration_timeout_bounds_the_budget_when_the_Lambda_deadline_is_later()
    {
        var budget = WriteBudget.From(Start, lambdaDeadline: Start.AddSeconds(30), TimeSpan.FromMilliseconds(29_000), Margin);

        Assert.Equal(Start.AddSeconds(27), budget.Hard);
        Assert.Equal(Start.AddSeconds(26), budget.Soft);
    }

    [Fact]
    public void The_Lambda_deadline_bounds_the_budget_when_it_comes_first()
    {
        var budget = WriteBudget.From(Start, lambdaDeadline: Start.AddSeconds(10), TimeSpan.FromMilliseconds(29_000), Margin);

        Assert.Equal(Start.AddSeconds(8), budget.Hard);
        Assert.Equal(Start.AddSeconds(7), budget.Soft);
    }

    [Fact]
    public void Without_a_Lambda_deadline_the_integration_timeout_alone_decides()
    {
        var budget = WriteBudget.From(Start, lambdaDeadline: null, TimeSpan.FromMilliseconds(5_000), TimeSpan.FromMilliseconds(500));

        Assert.Equal(Start.AddMilliseconds(4_500), budget.Hard);
    }

    [Fact]
    public void A_short_budget_keeps_three_quarters_of_its_time_for_starting_work()
    {
        var budget = WriteBudget.From(Start, null, TimeSpan.FromMilliseconds(3_000), Margin);

        Assert.Equal(Start.AddSeconds(1), budget.Hard);
        Assert.Equal(Start.AddMilliseconds(750), budget.Soft);
    }

    [Fact]
    public void A_budget_the_margin_eats_whole_allows_nothing()
    {
        var budget = WriteBudget.From(Start, Start.AddSeconds(1), TimeSpan.FromMilliseconds(29_000), Margin);

        Assert.Equal(budget.Hard, budget.Soft);
        Assert.True(budget.Soft <= Start);
    }

    [Fact]
    public void A_cold_invocation_counts_its_budget_from_the_gateways_request_time()
    {
        // The request reached the gateway 3 s before the function started (authorizer and Init phase).
        var requested = Start.AddSeconds(-3).ToUnixTimeMilliseconds();

        var budget = WriteBudget.ForRequest(Start, requested, Start.AddSeconds(30), TimeSpan.FromMilliseconds(29_000));

        // 29 s from the request, less the 2 s margin: 24 s after the function started, not 27.
        Assert.Equal(Start.AddSeconds(24), budget.Hard);
        Assert.Equal(Start.AddSeconds(23), budget.Soft);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(5_000L)]
    public void Without_a_request_time_or_with_one_in_the_future_the_budget_counts_from_now(long offsetMs)
    {
        var requested = offsetMs == 0 ? 0 : Start.AddMilliseconds(offsetMs).ToUnixTimeMilliseconds();

        var budget = WriteBudget.ForRequest(Start, requested, null, TimeSpan.FromMilliseconds(29_000));

        Assert.Equal(Start.AddSeconds(27), budget.Hard);
    }
}
