using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace Dynamo.Cli.Sending;

/// <summary>
/// CSV as RFC 4180 writes it, read by CsvHelper: a header row naming the fields, separators and line breaks inside
/// quoted fields, "" for a quote, a UTF-8 byte order mark, empty lines skipped. A record with badly formed quoting or
/// another field count than the header is an unreadable row (it goes to the rejects file), not the end of the file.
/// </summary>
internal sealed class CsvRowSource(FileStream file, JsonElement schema) : RowSource(file)
{
    public override async IAsyncEnumerable<SourceRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var malformed = new Queue<SourceRow>();
        var options = CsvReaderOptions.Default with
        {
            // RFC 4180's separator; guessing one from the first lines could split a file of one column on its commas.
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record => malformed.Enqueue(SourceRow.Unreadable(record.LineNumber, record.RawRecord,
                $"badly formed CSV quoting ({Describe(record.Reason)})")),
        };
        await using var csv = CsvReader.Create(File, options, leaveOpen: true);
        await csv.ReadHeaderAsync(cancellationToken);
        var columns = CsvColumns.Read(csv.Headers, schema);
        var json = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(json);
        while (true)
        {
            var more = await csv.ReadAsync(cancellationToken);
            // Records skipped as malformed come before the one just read.
            while (malformed.TryDequeue(out var skipped))
                yield return skipped;
            if (!more)
                yield break;
            yield return RowOf(csv, columns, json, writer);
        }
    }

    private static SourceRow RowOf(CsvReader csv, CsvColumns columns, ArrayBufferWriter<byte> json, Utf8JsonWriter writer)
    {
        var line = csv.LineNumber;
        if (csv.FieldCount != columns.Count)
            return SourceRow.Unreadable(line, Encoding.UTF8.GetString(csv.RawRecord),
                $"the record has {csv.FieldCount} fields; the header has {columns.Count}");
        json.ResetWrittenCount();
        writer.Reset();
        try
        {
            columns.WriteRow(writer, csv.GetSpan);
            writer.Flush();
        }
        catch (ArgumentException)
        {
            return SourceRow.Unreadable(line, Encoding.UTF8.GetString(csv.RawRecord), "the record is not valid UTF-8 text");
        }
        using var document = JsonDocument.Parse(json.WrittenMemory);
        return new SourceRow(line, document.RootElement.Clone());
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field; quote the field and double the quote",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "a quoted field that is never closed",
        _ => reason.ToString(),
    };
}
