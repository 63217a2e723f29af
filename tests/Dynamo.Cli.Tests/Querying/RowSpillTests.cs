using Amazon.DynamoDBv2.Model;
using Dynamo.Cli.Querying;
using Dynamo.Core.Querying;

namespace Dynamo.Cli.Tests.Querying;

public class RowSpillTests
{
    [Fact]
    public async Task Columns_are_every_name_some_row_has_in_the_column_order()
    {
        await using var spill = await RowSpill.FillAsync(Rows(
            [("b", "1"), ("ts", "t1"), ("deviceId", "d")],
            [("c", "2"), ("a", "3"), ("b", "4")],
            [("deviceId", "e"), ("_h", "h"), ("d", "5")]), CancellationToken.None);

        Assert.Equal(["deviceId", "ts", "a", "b", "c", "d", "_h"], spill.Columns(new ColumnOrder(null, ["deviceId", "ts"])));
        Assert.Equal(["c", "a", "_h", "b", "d", "deviceId", "ts"], spill.Columns(new ColumnOrder(["c", "a", "_h"], ["deviceId", "ts"])));
        Assert.Equal(3, spill.Count);
    }

    [Fact]
    public async Task The_rows_read_back_in_order_as_plain_json_and_can_be_read_twice()
    {
        await using var spill = await RowSpill.FillAsync(Rows([("id", "x\n\"y\"")], [("id", "z")]), CancellationToken.None);

        string[] first = [.. spill.Rows().Select(r => r.GetProperty("id").GetString()!)];
        string[] second = [.. spill.Rows().Select(r => r.GetProperty("id").GetString()!)];

        Assert.Equal(["x\n\"y\"", "z"], first);
        Assert.Equal(first, second);
    }

    private static async IAsyncEnumerable<Dictionary<string, AttributeValue>> Rows(params (string Name, string Value)[][] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row.ToDictionary(f => f.Name, f => new AttributeValue { S = f.Value });
        }
    }
}
