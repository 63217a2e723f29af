using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Dynamo.Cli.Sending;

/// <summary>JSON Lines: one JSON value a line (a byte order mark and blank lines allowed); a line that is not JSON is an unreadable row.</summary>
internal sealed class JsonLinesRowSource(FileStream file) : RowSource(file)
{
    public override async IAsyncEnumerable<SourceRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(File, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
                continue;
            yield return Parse(line, text);
        }
    }

    private static SourceRow Parse(long line, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            // Not an object: the client refuses it with the reason, like any row that is not an object.
            return new SourceRow(line, document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            return SourceRow.Unreadable(line, text, $"not JSON: {e.Message}");
        }
    }
}
