namespace Dynamo.Cli.Sending;

/// <summary>The file formats `dynamo send` reads (docs/sending.md).</summary>
internal enum InputFormat
{
    /// <summary>A header row, then one row a record (RFC 4180 quoting); cells typed by the dataset's schema.</summary>
    Csv,
    /// <summary>One JSON object a line; blank lines are skipped.</summary>
    Jsonl,
    /// <summary>One JSON array of objects, read element by element.</summary>
    Json,
}

internal static class InputFormats
{
    /// <summary>The format a file's extension names, if it names one.</summary>
    public static InputFormat? FromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => InputFormat.Csv,
        ".jsonl" or ".ndjson" => InputFormat.Jsonl,
        ".json" => InputFormat.Json,
        _ => null,
    };
}
