using System.Text.Json;
using Dynamo.Local.Capacity.Requests;

namespace Dynamo.Local.Tests.Capacity;

public class PartiqlWriteTests
{
    [Fact]
    public void An_insert_is_its_item_in_wire_json_with_the_parameters_in_place()
    {
        using var parameters = JsonDocument.Parse("""[{"S":"k-1"},{"B":"AQID"}]""");

        using var write = PartiqlWrite.Read("""insert into "orders" VALUE {'orderId': ?, 'n': -1.5e3, 'ok': TRUE, 'none': null, 'l': [1, 'a'], 'm': {'x': 2}, 's': <<'a', 'b'>>, 'bin': ?}""", parameters.RootElement)!;

        Assert.Equal(PartiqlAction.Insert, write.Action);
        Assert.Equal("orders", write.Table);
        Assert.Equal(
            """{"orderId":{"S":"k-1"},"n":{"N":"-1.5e3"},"ok":{"BOOL":true},"none":{"NULL":true},"l":{"L":[{"N":"1"},{"S":"a"}]},"m":{"M":{"x":{"N":"2"}}},"s":{"SS":["a","b"]},"bin":{"B":"AQID"}}""",
            write.Item.GetRawText());
    }

    [Fact]
    public void An_update_keeps_its_key_equalities_apart_from_its_other_conditions_and_sizes_what_it_sets()
    {
        using var parameters = JsonDocument.Parse("""[{"S":"hello"},{"S":"d-1"}]""");

        using var write = PartiqlWrite.Read("UPDATE readings SET note = ? SET count = count + 1 REMOVE old WHERE deviceId = ? AND ts = '2026' AND count > 3 RETURNING ALL NEW *", parameters.RootElement)!;

        Assert.Equal(PartiqlAction.Update, write.Action);
        Assert.Equal("""{"deviceId":{"S":"d-1"},"ts":{"S":"2026"}}""", write.Where.GetRawText());
        // "note" + "hello" + "count" + the literal 1 (2 bytes) + "old".
        Assert.Equal(4 + 5 + 5 + 2 + 3, write.SetBytes);
    }

    [Theory]
    [InlineData("DELETE FROM \"orders\" WHERE orderId = 'a'", "Delete")]
    [InlineData("EXISTS(SELECT * FROM orders WHERE orderId = 'a' AND status = 'paid')", "Exists")]
    public void A_delete_or_a_condition_check_is_its_key(string statement, string action)
    {
        using var write = PartiqlWrite.Read(statement, default)!;

        Assert.Equal(action, write.Action.ToString());
        Assert.Equal("orders", write.Table);
        Assert.Equal("a", write.Where.GetProperty("orderId").GetProperty("S").GetString());
    }

    [Theory]
    [InlineData("DELETE FROM orders WHERE orderId = 'a' OR orderId = 'b'")]          // no key can be read from a disjunction
    [InlineData("INSERT INTO orders VALUE {\"orderId\": 'a'}")]                        // tuple names are single-quoted
    [InlineData("INSERT INTO orders VALUE {'orderId': ?}")]                            // a parameter missing
    [InlineData("INSERT INTO orders VALUES {'orderId': 'a'}")]
    [InlineData("UPSERT INTO orders VALUE {'orderId': 'a'}")]
    public void A_statement_DynamoDB_would_not_run_is_not_read(string statement) =>
        Assert.Null(PartiqlWrite.Read(statement, default));

    [Theory]
    [InlineData("SELECT * FROM orders", true)]
    [InlineData("  select orderId FROM \"orders\" WHERE orderId = 'a'", true)]
    [InlineData("-- a comment\nINSERT INTO orders VALUE {'orderId': 'a'}", false)]
    public void Only_a_select_is_a_read(string statement, bool read) => Assert.Equal(read, PartiqlWrite.IsRead(statement));
}
