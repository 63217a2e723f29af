using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Dynamo.Core.Rows;

/// <summary>
/// A parsed <c>{"rows": [...]}</c> body: the rows as JSON elements of one document, which this owns.
/// Other top-level properties are ignored (room for later additions without breaking old servers).
/// </summary>
public sealed class RequestBody : IDisposable
{
    // Deep enough for any row DynamoDB can store (32 levels) to reach the row checks, which say what is wrong.
    private const int MaxJsonDepth = 256;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private readonly JsonDocument _document;

    private RequestBody(JsonDocument document, IReadOnlyList<JsonElement> rows)
    {
        _document = document;
        Rows = rows;
    }

    /// <summary>Every element of "rows", each a JSON object, in order.</summary>
    public IReadOnlyList<JsonElement> Rows { get; }

    public void Dispose() => _document.Dispose();

    /// <summary>The rows, or why the whole request is refused.</summary>
    public static RequestBody? Parse(ReadOnlyMemory<byte> body, out RequestError? error)
    {
        error = Check(body, out var document);
        if (error is not null) return null;
        error = RowsOf(document!.RootElement, out var rows);
        if (error is null) return new RequestBody(document, rows!);
        document.Dispose();
        return null;
    }

    private static RequestError? Check(ReadOnlyMemory<byte> body, out JsonDocument? document)
    {
        document = null;
        if (body.Length > RequestLimits.MaxBodyBytes)
            return new RequestError(RequestErrorKind.BodyTooLarge,
                $"The body is {body.Length:N0} bytes, over the limit of 5 MB ({RequestLimits.MaxBodyBytes:N0} bytes). Split the rows over several requests.");
        // RFC 8259 section 8.1 lets a parser ignore a byte order mark; tools on Windows like to write one.
        if (body.Span.StartsWith(Utf8ByteOrderMark)) body = body[Utf8ByteOrderMark.Length..];
        // RFC 8259 section 8.1: JSON text is UTF-8. The reader does not check the bytes of strings and names,
        // and text that cannot be decoded would fail later, deep in a row, as an exception.
        if (!Utf8.IsValid(body.Span))
            return new RequestError(RequestErrorKind.NotJson,
                $"The body is not valid UTF-8 (near byte {FirstInvalidUtf8(body.Span):N0}). Send JSON text encoded as UTF-8.");
        try
        {
            // One pass over the body for what nearly every request is: one JSON value and nothing after it.
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
            return null;
        }
        catch (JsonException)
        {
            // Not JSON, or JSON followed by more: read again to tell which, and where.
        }
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = MaxJsonDepth });
        try
        {
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            return new RequestError(RequestErrorKind.NotJson,
                $"The body is not valid JSON ({Where(e)}). Send a JSON object such as {{\"rows\": [{{...}}]}}.");
        }
        try
        {
            if (!reader.Read()) return null;
        }
        catch (JsonException)
        {
            // Anything after the value (even text that is not JSON) is trailing data.
        }
        var position = reader.BytesConsumed;
        document.Dispose();
        document = null;
        return new RequestError(RequestErrorKind.TrailingData,
            $"The body continues after its JSON object (near byte {position:N0}). Send exactly one JSON object.");
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> body)
    {
        var position = 0;
        while (Rune.DecodeFromUtf8(body[position..], out _, out var consumed) == System.Buffers.OperationStatus.Done) position += consumed;
        return position + 1;
    }

    private static RequestError? RowsOf(JsonElement root, out List<JsonElement>? rows)
    {
        rows = null;
        JsonElement? array = null;
        var count = 0;
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in root.EnumerateObject())
            {
                if (!RowFields.NameEquals(property, "rows")) continue;
                array = property.Value;
                count++;
            }
        }
        if (count != 1 || array!.Value.ValueKind != JsonValueKind.Array)
            return new RequestError(RequestErrorKind.NoRowsArray,
                "The body must be a JSON object with one \"rows\" array, such as {\"rows\": [{...}]}.");
        var length = array.Value.GetArrayLength();
        if (length == 0)
            return new RequestError(RequestErrorKind.NoRows, "The \"rows\" array is empty. Send 1 to 5,000 rows.");
        if (length > RequestLimits.MaxRows)
            return new RequestError(RequestErrorKind.TooManyRows,
                $"The request has {length:N0} rows, over the limit of {RequestLimits.MaxRows:N0}. Split the rows over several requests.");
        rows = new List<JsonElement>(length);
        foreach (var row in array.Value.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Object)
                return new RequestError(RequestErrorKind.RowNotObject,
                    $"Row {rows.Count} is {Describe(row.ValueKind)}, not a JSON object. Every element of \"rows\" must be an object.");
            rows.Add(row);
        }
        return null;
    }

    private static string Where(JsonException e) =>
        e.LineNumber is { } line ? $"line {line + 1}, byte {e.BytePositionInLine + 1}" : "empty or cut short";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => "a boolean",
    };
}
