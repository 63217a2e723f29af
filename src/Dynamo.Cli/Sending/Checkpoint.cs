using System.Text.Json;

namespace Dynamo.Cli.Sending;

/// <summary>
/// FILE.checkpoint.json: how far a send of FILE got, so the next run skips what is settled. It only ever claims rows
/// the API answered for: <see cref="SettledRows"/> comes from the client's settled mark (every row before it stored,
/// duplicate, invalid, stale or conflict) and is written after the rejects of those rows reached the disk, and the file is replaced
/// atomically, so a crash at any point leaves a checkpoint that is true, if behind.
/// </summary>
internal sealed record Checkpoint
{
    /// <summary>The input's full path, length and last write time: a file that changed is sent from the start.</summary>
    public required string File { get; init; }
    public required long Length { get; init; }
    public required DateTime LastWriteUtc { get; init; }
    public required string Dataset { get; init; }
    public required InputFormat Format { get; init; }

    /// <summary>The rows at the start of the file (in reading order) that reached a final status.</summary>
    public required long SettledRows { get; init; }

    /// <summary>
    /// How many of them were invalid: the first <see cref="RejectsBytes"/> bytes of the rejects file list them, with
    /// the <see cref="ConflictRows"/>.
    /// </summary>
    public required long InvalidRows { get; init; }

    /// <summary>How many of them were conflicts (versioned datasets), listed in the rejects file too; absent in older checkpoints: 0.</summary>
    public long ConflictRows { get; init; }
    public required long RejectsBytes { get; init; }

    /// <summary>The rejects file's full path (absent in checkpoints written before --rejects: FILE.rejects.jsonl).</summary>
    public string? Rejects { get; init; }

    public static string PathFor(string file) => file + ".checkpoint.json";

    public bool Matches(FileInfo file, string dataset, InputFormat format, string rejects) =>
        File == file.FullName && Length == file.Length && LastWriteUtc == file.LastWriteTimeUtc && Dataset == dataset && Format == format
        && (Rejects ?? RejectsFile.PathFor(File)) == rejects;

    /// <summary>The checkpoint at <paramref name="path"/>, or null when there is none or it cannot be read (then the send starts over).</summary>
    public static Checkpoint? Read(string path)
    {
        if (!System.IO.File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize(System.IO.File.ReadAllBytes(path), SendJsonContext.Default.Checkpoint);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Written beside, flushed to disk, then renamed over the old one: readers see the old or the new, never half.</summary>
    public void Write(string path)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, SendJsonContext.Default.Checkpoint);
            stream.Flush(flushToDisk: true);
        }
        System.IO.File.Move(temporary, path, overwrite: true);
    }
}
