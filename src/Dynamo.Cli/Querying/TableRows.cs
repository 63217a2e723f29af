using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Querying;

namespace Dynamo.Cli.Querying;

/// <summary>
/// Aligned columns for a terminal, like psql prints them: a column whose values are all numbers (nulls and
/// missing values aside) is right-aligned, the others left-aligned. Widths need every row, so the rows go
/// through a <see cref="RowSpill"/> (read twice: widths, then lines), never all in memory; a cell is cut at
/// <see cref="MaxWidth"/> characters to keep lines readable.
/// </summary>
internal static class TableRows
{
    public const int MaxWidth = 40;

    public static async Task<long> WriteAsync(
        IAsyncEnumerable<Dictionary<string, AttributeValue>> rows, ColumnOrder order, TextWriter output, CancellationToken cancellationToken)
    {
        await using var spill = await RowSpill.FillAsync(rows, cancellationToken);
        var columns = spill.Columns(order);
        var widths = columns.Select(c => Math.Min(c.Length, MaxWidth)).ToArray();
        var numeric = columns.Select(_ => true).ToArray();
        foreach (var row in spill.Rows())
            for (var i = 0; i < columns.Count; i++)
            {
                widths[i] = Math.Max(widths[i], Cell(CellText.Of(row, columns[i], "null")).Length);
                if (row.TryGetProperty(columns[i], out var value) && value.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
                    numeric[i] = false;
            }

        if (columns.Count > 0)
        {
            await output.WriteLineAsync(Line(columns.Select(Cell), widths, numeric));
            await output.WriteLineAsync(string.Join("-+-", widths.Select(w => new string('-', w))));
            foreach (var row in spill.Rows())
                await output.WriteLineAsync(Line(columns.Select(c => Cell(CellText.Of(row, c, "null"))), widths, numeric));
        }
        await output.WriteLineAsync(spill.Count == 1 ? "(1 row)" : string.Create(CultureInfo.InvariantCulture, $"({spill.Count:N0} rows)"));
        return spill.Count;
    }

    private static string Cell(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= MaxWidth ? oneLine : string.Concat(oneLine.AsSpan(0, MaxWidth - 1), "…");
    }

    private static string Line(IEnumerable<string> cells, int[] widths, bool[] rightAligned) =>
        string.Join(" | ", cells.Select((cell, i) => rightAligned[i] ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd();
}
