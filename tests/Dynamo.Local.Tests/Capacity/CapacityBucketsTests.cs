using System.Text.Json;
using Dynamo.Local.Capacity;
using Microsoft.Extensions.Time.Testing;

namespace Dynamo.Local.Tests.Capacity;

public class CapacityBucketsTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void A_capped_table_lets_through_one_second_of_its_rate_then_refills_continuously()
    {
        var throttle = Throttle(maxWriteRequestUnits: 50);

        Assert.Equal(50, Passed(throttle.Admit(Writes("t", 60))));
        _clock.Advance(TimeSpan.FromMilliseconds(200));              // 0.2 s at 50 units/s
        Assert.Equal(10, Passed(throttle.Admit(Writes("t", 60))));
    }

    [Fact]
    public void Idle_time_banks_at_most_one_second_of_burst()
    {
        var throttle = Throttle(maxWriteRequestUnits: 50);
        throttle.Admit(Writes("t", 50));

        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(50, Passed(throttle.Admit(Writes("t", 200))));
    }

    [Fact]
    public void A_refused_write_takes_nothing_so_a_smaller_later_write_still_fits()
    {
        var throttle = Throttle(maxWriteRequestUnits: 10);
        MeteredWrite[] writes = [Write("t", "a", 8), Write("t", "b", 5), Write("t", "c", 2)];

        var decisions = throttle.Admit(writes);

        Assert.Equal([ThrottleReason.None, ThrottleReason.TableMaxWriteRequestUnits, ThrottleReason.None], decisions);
    }

    [Fact]
    public void One_partition_key_value_is_held_to_1000_units_per_second_on_an_uncapped_table()
    {
        var throttle = new CapacityBuckets(CapacityLimits.Uncapped, _clock);

        var hot = throttle.Admit([.. Enumerable.Range(0, 11).Select(_ => Write("t", "hot", 100))]);
        var cold = throttle.Admit([.. Enumerable.Range(0, 11).Select(i => Write("t", $"cold-{i}", 100))]);

        Assert.Equal(10, Passed(hot));
        Assert.Equal(ThrottleReason.PartitionKeyThroughput, hot[10]);
        Assert.Equal(11, Passed(cold));
    }

    [Fact]
    public void A_write_refused_by_its_hot_key_takes_nothing_from_the_table_cap()
    {
        var throttle = Throttle(maxWriteRequestUnits: 1500);
        throttle.Admit([Write("t", "hot", 1000)]);

        var decisions = throttle.Admit([Write("t", "hot", 400), Write("t", "other", 500)]);

        Assert.Equal([ThrottleReason.PartitionKeyThroughput, ThrottleReason.None], decisions);
    }

    [Fact]
    public void An_item_larger_than_one_second_of_the_rate_passes_when_the_bucket_is_full_and_leaves_it_in_debt()
    {
        var throttle = Throttle(maxWriteRequestUnits: 10);

        Assert.Equal(ThrottleReason.None, throttle.Admit([Write("t", "a", 25)])[0]);
        _clock.Advance(TimeSpan.FromSeconds(2));                     // 10 - 25 = -15, then two seconds refill 20: 5 left
        Assert.Equal(ThrottleReason.TableMaxWriteRequestUnits, throttle.Admit([Write("t", "b", 6)])[0]);
        Assert.Equal(ThrottleReason.None, throttle.Admit([Write("t", "b", 5)])[0]);
    }

    [Fact]
    public void Tables_are_capped_separately_and_unlisted_tables_are_uncapped()
    {
        var throttle = Throttle(maxWriteRequestUnits: 5);

        Assert.Equal(5, Passed(throttle.Admit(Writes("t", 10))));
        Assert.Equal(10, Passed(throttle.Admit(Writes("unlisted", 10))));
    }

    private CapacityBuckets Throttle(int maxWriteRequestUnits) =>
        new(CapacityLimits.ForTables(maxWriteRequestUnits, "t"), _clock);

    private static int Passed(ThrottleReason[] decisions) => decisions.Count(d => d == ThrottleReason.None);

    private static MeteredWrite[] Writes(string table, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Write(table, $"key-{i}", 1))];

    private static MeteredWrite Write(string table, string key, int units) => new(table, key, units, default(JsonElement));
}
