using System.Text.Json;
using Dynamo.Local.Capacity;

namespace Dynamo.Local.Tests.Capacity;

public class ItemSizeTests
{
    [Theory]
    [InlineData("""{"pk":{"S":"abc"}}""", 2 + 3)]
    [InlineData("""{"name":{"S":"é"}}""", 4 + 2)]                    // UTF-8 bytes, not characters
    [InlineData("""{"n":{"N":"123.45"}}""", 1 + 3 + 1)]               // 5 significant digits: 3 bytes + 1
    [InlineData("""{"n":{"N":"-1000"}}""", 1 + 1 + 1)]                // trailing zeroes trimmed: 1 digit
    [InlineData("""{"n":{"N":"0.0012"}}""", 1 + 1 + 1)]               // leading zeroes trimmed: 2 digits
    [InlineData("""{"n":{"N":"1.5E+3"}}""", 1 + 1 + 1)]               // the exponent is not a digit
    [InlineData("""{"b":{"B":"AQID"}}""", 1 + 3)]                     // raw bytes, not base64 characters
    [InlineData("""{"b":{"B":"AQ=="}}""", 1 + 1)]
    [InlineData("""{"t":{"BOOL":true},"z":{"NULL":true}}""", 1 + 1 + 1 + 1)]
    [InlineData("""{"m":{"M":{}}}""", 1 + 3)]                         // an empty map still costs 3 bytes
    [InlineData("""{"m":{"M":{"a":{"S":"xy"}}}}""", 1 + 3 + (1 + 2 + 1))]
    [InlineData("""{"l":{"L":[{"N":"1"},{"BOOL":false}]}}""", 1 + 3 + (2 + 1) + (1 + 1))]
    [InlineData("""{"s":{"SS":["ab","c"]},"ns":{"NS":["12","3"]}}""", 1 + 3 + 2 + (2 + 2))]
    public void An_item_is_the_sum_of_its_attribute_names_and_values(string item, int expectedBytes)
    {
        using var json = JsonDocument.Parse(item);

        Assert.Equal(expectedBytes, ItemSize.Of(json.RootElement));
    }

    [Theory]
    [InlineData(0, 1)]          // even an empty delete costs a unit
    [InlineData(1, 1)]
    [InlineData(1024, 1)]
    [InlineData(1025, 2)]
    [InlineData(2048, 2)]
    [InlineData(2049, 3)]
    [InlineData(400 * 1024, 400)]
    public void Write_units_are_the_started_kilobytes_of_an_item(int bytes, int expectedUnits) =>
        Assert.Equal(expectedUnits, WriteUnits.ForItemOf(bytes));

    [Theory]
    [InlineData(1024, 1)]
    [InlineData(1025, 2)]
    public void A_put_request_costs_the_units_of_its_item(int itemBytes, int expectedUnits)
    {
        var item = CapacityHarness.ItemJson("k", itemBytes);
        using var json = JsonDocument.Parse("""{"PutRequest":{"Item":ITEM}}""".Replace("ITEM", item, StringComparison.Ordinal));

        Assert.Equal(expectedUnits, WriteCost.OfBatchRequest(json.RootElement));
    }

    [Fact]
    public void An_update_is_estimated_by_its_key_and_the_attributes_it_sets()
    {
        var text = new string('x', 2000);
        using var json = JsonDocument.Parse("""
            {"TableName":"t","Key":{"pk":{"S":"k"}},"UpdateExpression":"SET #t = :t",
             "ExpressionAttributeNames":{"#t":"text"},"ExpressionAttributeValues":{":t":{"S":"TEXT"}}}
            """.Replace("TEXT", text, StringComparison.Ordinal));

        // key 3 bytes + name "text" 4 + value 2,000 = 2,007 bytes: 2 units.
        Assert.Equal(2, WriteCost.OfSingle("UpdateItem", json.RootElement));
    }

    [Fact]
    public void A_delete_is_estimated_by_its_key()
    {
        using var json = JsonDocument.Parse("""{"TableName":"t","Key":{"pk":{"S":"k"}}}""");

        Assert.Equal(1, WriteCost.OfSingle("DeleteItem", json.RootElement));
    }
}
