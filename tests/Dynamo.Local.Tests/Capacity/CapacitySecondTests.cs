using Dynamo.Local.Capacity;

namespace Dynamo.Local.Tests.Capacity;

public class CapacitySecondTests
{
    [Fact]
    public void A_second_over_the_cap_is_marked_as_burst_so_the_line_does_not_read_as_a_broken_cap()
    {
        var second = new CapacitySecond("orders", UnitsConsumed: 182, MaxWriteRequestUnits: 100, ItemsRefused: 2324, ItemsRefusedOnHotKeys: 0);

        Assert.Equal("capacity orders: 182 WCU/s used of 100 (burst), 2324 items refused", second.ToString());
    }

    [Fact]
    public void Refusals_on_hot_partition_keys_are_counted_apart_and_an_uncapped_table_says_so()
    {
        var second = new CapacitySecond("readings", UnitsConsumed: 2400, MaxWriteRequestUnits: null, ItemsRefused: 300, ItemsRefusedOnHotKeys: 300);

        Assert.Equal("capacity readings: 2400 WCU/s used (uncapped), 300 items refused (300 on hot partition keys)", second.ToString());
    }
}
