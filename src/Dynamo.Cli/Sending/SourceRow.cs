using System.Text.Json;

namespace Dynamo.Cli.Sending;

/// <summary>
/// One row of the input file, in file order: the JSON object to send, or (when the file's text could not make
/// one) the text and why. <see cref="Line"/> is where it starts in the file (for a JSON array, its element number).
/// </summary>
internal sealed record SourceRow(long Line, JsonElement? Row, string? Text = null, string? Error = null)
{
    public static SourceRow Unreadable(long line, string text, string error) => new(line, null, text, error);
}
