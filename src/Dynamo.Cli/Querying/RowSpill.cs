using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Querying;
using Dynamo.Core.Rows;

namespace Dynamo.Cli.Querying;

/// <summary>
/// The rows of a result kept in a temporary file (one plain-JSON line each) rather than in memory, while
/// their column names are collected: CSV and table output need every column before the first row, and an
/// export may hold millions of rows. Memory holds the column names and one row at a time.
/// </summary>
internal sealed class RowSpill : IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    private RowSpill(FileStream file) => _file = file;

    public long Count { get; private set; }

    public static async Task<RowSpill> FillAsync(IAsyncEnumerable<Dictionary<string, AttributeValue>> rows, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dynamo-query-{Guid.NewGuid():N}.jsonl");
        var spill = new RowSpill(new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose));
        try
        {
            await using (var writer = RowJson.Writer(spill._file))
            {
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    spill._seen.UnionWith(row.Keys);
                    ItemJson.Write(writer, row);
                    await writer.FlushAsync(cancellationToken);
                    spill._file.WriteByte((byte)'\n');
                    writer.Reset();
                    spill.Count++;
                }
            }
            return spill;
        }
        catch
        {
            await spill.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every column some row has, in <paramref name="order"/>.</summary>
    public IReadOnlyList<string> Columns(ColumnOrder order) => order.Sort(_seen);

    /// <summary>The rows in the order they came, read back from the file; each element is valid until the next is read.</summary>
    public IEnumerable<JsonElement> Rows()
    {
        _file.Position = 0;
        using var reader = new StreamReader(_file, leaveOpen: true);
        while (reader.ReadLine() is { } line)
        {
            using var row = JsonDocument.Parse(line);
            yield return row.RootElement;
        }
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
