using Amazon.DynamoDBv2.Model;
using CsvHelper;
using Dynamo.Core.Querying;

namespace Dynamo.Cli.Querying;

/// <summary>
/// CSV (RFC 4180): the header needs every column, so the rows go to a <see cref="RowSpill"/> first and
/// are written from it once the last page is in; memory stays flat however many rows there are.
/// A null and a missing attribute are both an empty cell.
/// </summary>
internal static class CsvRows
{
    public static async Task<long> WriteAsync(
        IAsyncEnumerable<Dictionary<string, AttributeValue>> rows, ColumnOrder order, TextWriter output, CancellationToken cancellationToken)
    {
        await using var spill = await RowSpill.FillAsync(rows, cancellationToken);
        var columns = spill.Columns(order);
        if (columns.Count == 0) return 0;
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default, leaveOpen: true);
        csv.WriteRecord([.. columns]);
        foreach (var row in spill.Rows())
        {
            foreach (var column in columns)
                csv.WriteField(CellText.Of(row, column, nullText: ""));
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
        return spill.Count;
    }
}
