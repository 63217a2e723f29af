using Dynamo.Core.Querying;

namespace Dynamo.Core.Tests.Querying;

public class SelectStatementTests
{
    [Theory]
    [InlineData("INSERT INTO \"orders\" VALUE {'orderId': 'o-1'}")]
    [InlineData("UPDATE \"orders\" SET status = 'paid' WHERE orderId = 'o-1'")]
    [InlineData("DELETE FROM \"orders\" WHERE orderId = 'o-1'")]
    [InlineData("delete from \"orders\" where orderId = 'o-1'")]
    [InlineData("  \n\tDeLeTe FROM \"orders\" WHERE orderId = 'o-1'")]
    [InlineData("/* SELECT */ DELETE FROM \"orders\" WHERE orderId = 'o-1'")]
    [InlineData("-- SELECT * FROM orders\nUPDATE \"orders\" SET status = 'paid' WHERE orderId = 'o-1'")]
    [InlineData("SELECT * FROM \"orders\"; DELETE FROM \"orders\" WHERE orderId = 'o-1'")]
    [InlineData("SELECT * FROM \"orders\";DELETE FROM \"orders\" WHERE orderId = 'o-1';")]
    [InlineData("SELECT * FROM \"orders\" WHERE EXISTS(SELECT * FROM \"orders\" WHERE orderId = 'o-1')")]
    [InlineData("EXISTS(SELECT * FROM \"orders\" WHERE orderId = 'o-1')")]
    [InlineData("SELECT * FROM \"orders\" WHERE orderId = 'o-1' /* ; */ UPDATE \"orders\" SET a = 1")]
    [InlineData("SELECT * FROM \"orders\" -- harmless\n; REMOVE x")]
    [InlineData("SELECT * FROM \"orders\" WHERE a = 'it''s' ; DELETE FROM \"orders\" WHERE orderId = 'x'")]
    public void Writes_are_refused_in_every_disguise(string text)
    {
        Assert.False(SelectStatement.TryParse(text, out var statement, out var error));
        Assert.Null(statement);
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData("SELECT * FROM \"orders\" WHERE note = 'DELETE FROM orders; UPDATE'", "orders")]
    [InlineData("SELECT \"delete\", \"update\" FROM \"orders\"", "orders")]
    [InlineData("-- DELETE everything? no:\nSELECT * FROM \"orders\" /* UPDATE */ ;", "orders")]
    [InlineData("select * from readings where deviceId = 'dev-7'", "readings")]
    [InlineData("SELECT * FROM \"odd \"\"name\"\"\"", "odd \"name\"")]
    public void Reads_pass_whatever_their_strings_names_and_comments_hold(string text, string table)
    {
        Assert.True(SelectStatement.TryParse(text, out var statement, out var error), error);
        Assert.Equal(table, statement.Table);
        Assert.Equal(text, statement.Text);
    }

    [Fact]
    public void A_second_statement_after_the_semicolon_is_named_in_the_refusal()
    {
        Assert.False(SelectStatement.TryParse("SELECT * FROM \"orders\"; SELECT * FROM \"readings\"", out _, out var error));

        Assert.StartsWith("One statement at a time", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM \"orders\" WHERE a = 'open")]
    [InlineData("SELECT * FROM \"orders /* WHERE 1 = 1")]
    [InlineData("SELECT * FROM \"orders\" /* DELETE")]
    public void Unterminated_strings_names_and_comments_are_refused(string text)
    {
        Assert.False(SelectStatement.TryParse(text, out _, out var error));
        Assert.Contains("never closed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_index_and_the_where_clause_are_found_outside_brackets()
    {
        Assert.True(SelectStatement.TryParse(
            "SELECT a FROM \"orders\".\"byCustomer\" WHERE customer = ? AND size(items) > 1 ORDER BY createdAt", out var statement, out _));

        Assert.Equal("orders", statement.Table);
        Assert.Equal("byCustomer", statement.Index);
        Assert.Equal(["customer", "=", "?", "AND", "size", "(", "items", ")", ">", "1"], statement.Where.Select(t => t.Text));
        Assert.Equal(1, statement.ParameterCount);
    }

    [Fact]
    public void A_select_without_a_table_is_refused()
    {
        Assert.False(SelectStatement.TryParse("SELECT 1", out _, out var error));
        Assert.Contains("FROM", error, StringComparison.Ordinal);
    }
}
