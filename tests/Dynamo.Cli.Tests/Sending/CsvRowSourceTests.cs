using System.Text;
using System.Text.Json;
using Dynamo.Cli.Commands;
using Dynamo.Cli.Sending;
using Dynamo.Core.Datasets;

namespace Dynamo.Cli.Tests.Sending;

public sealed class CsvRowSourceTests : IDisposable
{
    private static readonly JsonElement OrdersSchema = DatasetCatalog.Load("")["orders"].Schema;
    private readonly WorkFolder work = new();

    public void Dispose() => work.Dispose();

    private async Task<List<SourceRow>> ReadAsync(string text, bool bom = false)
    {
        var path = Path.Combine(work.Path, "rows.csv");
        await File.WriteAllBytesAsync(path, [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)]);
        await using var source = RowSource.Open(path, InputFormat.Csv, OrdersSchema);
        var rows = new List<SourceRow>();
        await foreach (var row in source.ReadAsync(CancellationToken.None))
            rows.Add(row);
        return rows;
    }

    private static string Json(SourceRow row) => row.Row!.Value.GetRawText();

    [Fact]
    public async Task Quoted_fields_keep_their_commas_quotes_and_line_breaks()
    {
        var rows = await ReadAsync("orderId,customer,note\r\n\"A,1\",\"Smith, \"\"Jr\"\"\",\"two\r\nlines\"\r\nB-2,x,y\r\n");

        Assert.Equal("""{"orderId":"A,1","customer":"Smith, \u0022Jr\u0022","note":"two\r\nlines"}""", Json(rows[0]));
        Assert.Equal([2L, 4], rows.Select(r => r.Line));
    }

    [Fact]
    public async Task A_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        var rows = await ReadAsync("orderId,customer\nA-1,x\n", bom: true);

        Assert.Equal("""{"orderId":"A-1","customer":"x"}""", Json(Assert.Single(rows)));
    }

    [Fact]
    public async Task Empty_lines_are_skipped_and_do_not_shift_line_numbers()
    {
        var rows = await ReadAsync("orderId\n\nA-1\n\n\nA-2\n");

        Assert.Equal([3L, 6], rows.Select(r => r.Line));
        Assert.Equal(["A-1", "A-2"], rows.Select(r => r.Row!.Value.GetProperty("orderId").GetString()));
    }

    [Fact]
    public async Task Cells_are_typed_by_the_schema_and_an_empty_cell_is_an_absent_field()
    {
        var rows = await ReadAsync("orderId,amount,currency,extra,createdAt\n007,12.50,,42,2026-03-14T15:09:26Z\n008,1e3,USD,,\n");

        // orderId is a string in the schema (leading zeros kept); amount a number; undeclared columns stay strings.
        Assert.Equal("""{"orderId":"007","amount":12.50,"extra":"42","createdAt":"2026-03-14T15:09:26Z"}""", Json(rows[0]));
        Assert.Equal("""{"orderId":"008","amount":1e3,"currency":"USD"}""", Json(rows[1]));
    }

    [Theory]
    [InlineData("12 apples")]
    [InlineData("1,5")]
    [InlineData("true")]
    public async Task A_cell_that_is_not_its_declared_type_is_sent_as_text_for_the_API_to_reject(string amount)
    {
        var rows = await ReadAsync($"orderId,amount\nA-1,\"{amount}\"\n");

        Assert.Equal(amount, rows[0].Row!.Value.GetProperty("amount").GetString());
    }

    [Fact]
    public async Task Records_with_another_field_count_or_broken_quoting_are_unreadable_rows_in_file_order()
    {
        var rows = await ReadAsync("orderId,customer\nA-1,x\nA-2\nA-3,\"bad\"quote\nA-4,y\n");

        Assert.Equal([2L, 3, 4, 5], rows.Select(r => r.Line));
        Assert.Equal([true, false, false, true], rows.Select(r => r.Row is not null));
        Assert.Contains("1 fields; the header has 2", rows[1].Error, StringComparison.Ordinal);
        Assert.Equal("A-2", rows[1].Text);
        Assert.Contains("quoting", rows[2].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_naming_a_column_twice_is_a_usage_error()
    {
        var error = await Assert.ThrowsAsync<UsageException>(() => ReadAsync("orderId,amount,orderId\nA,1,B\n"));

        Assert.Contains("'orderId' twice", error.Message, StringComparison.Ordinal);
    }
}
