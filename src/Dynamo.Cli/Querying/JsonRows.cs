using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Querying;

namespace Dynamo.Cli.Querying;

/// <summary>
/// JSON: one array, streamed a row at a time (one row a line inside it); JSON Lines: one object a line. Either way
/// each row's attributes come in the <see cref="ColumnOrder"/>.
/// </summary>
internal static class JsonRows
{
    public static async Task<long> WriteArrayAsync(
        IAsyncEnumerable<Dictionary<string, AttributeValue>> rows, ColumnOrder order, TextWriter output, CancellationToken cancellationToken)
    {
        long count = 0;
        await output.WriteAsync("[");
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await output.WriteAsync(count++ == 0 ? "\n" : ",\n");
            await output.WriteAsync(RowJson.ToText(row, order));
        }
        await output.WriteLineAsync(count == 0 ? "]" : "\n]");
        return count;
    }

    public static async Task<long> WriteLinesAsync(
        IAsyncEnumerable<Dictionary<string, AttributeValue>> rows, ColumnOrder order, TextWriter output, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await output.WriteLineAsync(RowJson.ToText(row, order));
            count++;
        }
        return count;
    }
}
