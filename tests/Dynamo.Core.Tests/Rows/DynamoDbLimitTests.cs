using System.Text;
using System.Text.Json.Nodes;
using Dynamo.Contracts;
using Dynamo.Core.Rows;
using static Dynamo.Core.Tests.Rows.Requests;

namespace Dynamo.Core.Tests.Rows;

public sealed class DynamoDbLimitTests
{
    private static PreparedRow WithRawField(string field, string rawJson) =>
        PrepareOneRaw(Orders, Order().ToJsonString()[..^1] + $",\"{field}\":{rawJson}}}");

    [Fact]
    public void Thirty_eight_significant_digits_are_stored_and_thirty_nine_are_not()
    {
        Assert.Null(WithRawField("n", "12345678901234567890123456789012345678").Status);
        Assert.Null(WithRawField("n", "1234567890123456789012345678901234567800000").Status);
        Assert.Null(WithRawField("n", "0.00012345678901234567890123456789012345678").Status);
        var row = WithRawField("n", "123456789012345678901234567890123456789");
        Assert.Equal(["n: more than 38 significant digits"], row.Errors);
    }

    [Theory]
    [InlineData("1E-130", true)]
    [InlineData("-1E-130", true)]
    [InlineData("9.9999999999999999999999999999999999999E+125", true)]
    [InlineData("-9.9999999999999999999999999999999999999E+125", true)]
    [InlineData("0", true)]
    [InlineData("0E-500", true)]
    [InlineData("1E+126", false)]
    [InlineData("-1E+126", false)]
    [InlineData("9.9E-131", false)]
    [InlineData("-1E-131", false)]
    [InlineData("1e999999999999", false)]
    public void Numbers_outside_dynamodbs_range_are_invalid(string number, bool stored)
    {
        var row = WithRawField("n", number);
        if (stored) Assert.Null(row.Status);
        else Assert.Equal(["n: outside DynamoDB's number range (1E-130 to 9.9999999999999999999999999999999999999E+125)"], row.Errors);
    }

    [Fact]
    public void An_amount_beyond_dynamodbs_precision_is_invalid_even_when_the_schema_accepts_it()
    {
        var row = WithRawField("amount", "0.1234567890123456789012345678901234567891");
        Assert.Contains("amount: more than 38 significant digits", row.Errors!);
    }

    private static string Nested(int levels) =>
        string.Concat(Enumerable.Range(0, levels).Select(i => i % 2 == 0 ? "{\"a\":" : "[")) + "1"
        + string.Concat(Enumerable.Range(0, levels).Reverse().Select(i => i % 2 == 0 ? "}" : "]"));

    [Fact]
    public void A_row_nested_32_levels_deep_is_stored_and_33_is_not()
    {
        // The row object is level 1 (measured: DynamoDB Local refuses a 32nd map inside a top-level attribute).
        Assert.Null(WithRawField("deep", Nested(31)).Status);
        var row = WithRawField("deep", Nested(32));
        Assert.Equal(RowStatus.Invalid, row.Status);
        Assert.Single(row.Errors!);
        Assert.EndsWith(": nested deeper than 32 levels (DynamoDB's limit)", row.Errors![0]);
        Assert.StartsWith("deep.a[0].a[0]", row.Errors[0]);
    }

    /// <summary>An order whose item is exactly <paramref name="bytes"/> as DynamoDB sizes it, padded by a "pad" string.</summary>
    private static JsonObject OrderOfItemSize(int bytes)
    {
        var order = Order().With("pad", "");
        var fields = order.Sum(p => Encoding.UTF8.GetByteCount(p.Key) + p.Value switch
        {
            null => 1,
            var v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => Encoding.UTF8.GetByteCount(v.GetValue<string>()),
            _ => 3, // 12.5: three significant digits take (3 / 2) + 2 bytes.
        });
        // _h: 22 characters; _at: 1772366400000, nine significant digits, (9 / 2) + 2 bytes; _rid: req-1.
        var system = "_h".Length + 22 + "_at".Length + 6 + "_rid".Length + "req-1".Length;
        return order.With("pad", new string('x', bytes - fields - system));
    }

    [Fact]
    public void An_item_of_exactly_400_KB_is_stored_and_one_byte_more_is_not()
    {
        Assert.Null(PrepareOne(Orders, OrderOfItemSize(409_600)).Status);
        var row = PrepareOne(Orders, OrderOfItemSize(409_601));
        Assert.Equal(["row: the item would be 409,601 bytes, over DynamoDB's limit of 400 KB (409,600 bytes)"], row.Errors);
    }

    [Fact]
    public void Nested_values_are_sized_with_their_names_and_container_overhead()
    {
        // {"m": {"ab": "xyz", "l": [true, null]}}: m(1) + map 3 + [1 + ab(2) + xyz(3)] + [1 + l(1) + list 3 + (1+1) + (1+1)].
        var small = OrderOfItemSize(409_600 - 19).With("m", new JsonObject { ["ab"] = "xyz", ["l"] = new JsonArray(true, null) });
        Assert.Null(PrepareOne(Orders, small).Status);
        var over = OrderOfItemSize(409_600 - 18).With("m", new JsonObject { ["ab"] = "xyz", ["l"] = new JsonArray(true, null) });
        Assert.Equal(RowStatus.Invalid, PrepareOne(Orders, over).Status);
    }

    [Fact]
    public void A_field_name_over_64_KB_as_stored_is_invalid_and_one_at_the_limit_is_not()
    {
        Assert.Null(PrepareOne(Orders, Order().With(new string('é', 32 * 1024), 1)).Status);
        var row = PrepareOne(Orders, Order().With(new string('é', 32 * 1024) + "x", 1));
        Assert.Equal(["row: a field name is 65,537 bytes, over DynamoDB's limit of 64 KB (65,536 bytes) for an attribute name"], row.Errors);
    }

    [Fact]
    public void A_partition_key_over_2048_bytes_is_invalid()
    {
        var dataset = Dynamo.Core.Datasets.Dataset.FromDeclaration("""
            {"name": "things", "partitionKey": "id", "schema": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}
            """);
        Assert.Null(PrepareOne(dataset, new JsonObject { ["id"] = new string('é', 1024) }).Status);
        Assert.Equal(["id: longer than 2,048 bytes (DynamoDB's limit for this key)"], PrepareOne(dataset, new JsonObject { ["id"] = new string('x', 2049) }).Errors);
    }

    [Fact]
    public void A_sort_key_over_1024_bytes_is_invalid()
    {
        var dataset = Dynamo.Core.Datasets.Dataset.FromDeclaration("""
            {"name": "things", "partitionKey": "id", "sortKey": "at", "schema": {"type": "object", "required": ["id", "at"], "properties": {"id": {"type": "string"}, "at": {"type": "string"}}}}
            """);
        Assert.Null(PrepareOne(dataset, new JsonObject { ["id"] = "x", ["at"] = new string('x', 1024) }).Status);
        Assert.Equal(["at: longer than 1,024 bytes (DynamoDB's limit for this key)"], PrepareOne(dataset, new JsonObject { ["id"] = "x", ["at"] = new string('x', 1025) }).Errors);
    }
}
