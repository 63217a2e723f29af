namespace Dynamo.Cli.Querying;

/// <summary>How `dynamo query` writes its rows (docs/querying.md).</summary>
internal enum RowFormat
{
    /// <summary>Aligned columns for a person at a terminal.</summary>
    Table,
    /// <summary>A header of every column, then one line a row; nested values as JSON text.</summary>
    Csv,
    /// <summary>One JSON array of the rows.</summary>
    Json,
    /// <summary>One JSON object a line.</summary>
    Jsonl,
}
