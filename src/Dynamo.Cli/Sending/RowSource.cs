using System.Text.Json;

namespace Dynamo.Cli.Sending;

/// <summary>
/// Reads a file's rows one at a time, so memory does not grow with the file. The same file always yields the same
/// rows in the same order, which is what lets a checkpoint skip the first N of them on the next run.
/// </summary>
internal abstract class RowSource(FileStream file) : IAsyncDisposable
{
    protected FileStream File { get; } = file;

    /// <summary>The file's length in bytes.</summary>
    public long Length { get; } = file.Length;

    /// <summary>How far into the file the reading is (bytes, read ahead by a buffer): the progress bar's position.</summary>
    public long Position => File.SafeFileHandle.IsClosed ? Length : File.Position;

    public abstract IAsyncEnumerable<SourceRow> ReadAsync(CancellationToken cancellationToken);

    /// <exception cref="UsageException">The file cannot be read as <paramref name="format"/> (e.g. a CSV header that cannot be a row's field names).</exception>
    public static RowSource Open(string path, InputFormat format, JsonElement schema)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return format switch
        {
            InputFormat.Csv => new CsvRowSource(file, schema),
            InputFormat.Jsonl => new JsonLinesRowSource(file),
            _ => new JsonArrayRowSource(file),
        };
    }

    public virtual ValueTask DisposeAsync() => File.DisposeAsync();
}
