using Dynamo.Core.Querying;

namespace Dynamo.Core.Tests.Querying;

public class ColumnOrderTests
{
    [Fact]
    public void A_select_list_orders_the_columns_as_written_with_paths_named_after_their_last_step()
    {
        var order = For("SELECT customer, orderId, shipping.city, \"amount\" FROM \"orders\" WHERE orderId = ?");

        Assert.Equal(["customer", "orderId", "city", "amount"], order.Sort(["amount", "city", "orderId", "customer"]));
    }

    [Fact]
    public void Select_star_puts_the_key_first_then_the_others_by_name_and_the_system_attributes_last()
    {
        var order = For("SELECT * FROM \"readings\" WHERE deviceId = ?", "deviceId", "ts");

        Assert.Equal(["deviceId", "ts", "battery", "humidity", "temperature", "_at", "_h", "_rid"],
            order.Sort(["_at", "temperature", "ts", "_h", "battery", "_rid", "deviceId", "humidity"]));
    }

    [Fact]
    public void Items_stored_before_the_short_names_put_their_system_attributes_last_too()
    {
        var order = For("SELECT * FROM \"orders\"", "orderId");

        Assert.Equal(["orderId", "amount", "_at", "_h", "_hash", "_ingestedAt", "_requestId", "_rid", "_version"],
            order.Sort(["_requestId", "_hash", "amount", "_rid", "_version", "orderId", "_ingestedAt", "_h", "_at"]));
    }

    [Fact]
    public void A_column_the_select_list_did_not_name_comes_after_the_named_ones()
    {
        var order = For("SELECT ts, location.site FROM \"readings\" WHERE deviceId = ?", "deviceId", "ts");

        Assert.Equal(["ts", "site", "deviceId", "zone"], order.Sort(["zone", "deviceId", "site", "ts"]));
    }

    [Theory]
    [InlineData("SELECT * FROM \"orders\"")]
    [InlineData("SELECT orderId FROM \"orders\" WHERE items[0].sku IN [?, ?]")]
    public void The_projection_is_read_from_the_select_list_only(string text)
    {
        Assert.True(SelectStatement.TryParse(text, out var statement, out _));

        Assert.Equal(text.Contains('*', StringComparison.Ordinal) ? null : ["orderId"], statement!.Projection);
    }

    private static ColumnOrder For(string text, params string[] keyFields)
    {
        Assert.True(SelectStatement.TryParse(text, out var statement, out var error), error);
        return new ColumnOrder(statement!.Projection, keyFields);
    }
}
