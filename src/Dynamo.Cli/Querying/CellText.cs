using System.Text.Json;

namespace Dynamo.Cli.Querying;

/// <summary>A row's value as the text of one CSV or table cell: nested maps and lists as JSON text.</summary>
internal static class CellText
{
    /// <param name="nullText">What a JSON null shows as; a missing attribute is always empty.</param>
    public static string Of(JsonElement row, string column, string nullText) =>
        !row.TryGetProperty(column, out var value) ? "" : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Null => nullText,
            _ => value.GetRawText(),
        };
}
