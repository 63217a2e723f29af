using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dynamo.Contracts;

namespace Dynamo.Core.Ingesting;

/// <summary>
/// Keeps an ingest reply within Lambda's limit on a synchronous response, 6 MB (6,291,456 bytes, "Lambda
/// quotas"): over it, API Gateway answers 502 and the client cannot tell which rows landed. Lambda counts the
/// proxy response the function returns, where the reply is one JSON string, so the reply is counted as that
/// string carries it (<see cref="ResponseSize"/>): a <c>"</c> of the reply costs 6 bytes there, a <c>"</c> inside
/// one of its strings 8, a CJK character 6. A reply lists up to 5,000 rows with up to 11 messages each, and a
/// message names a field by its path, which the client spells: unbounded, 4 MB of rows once answered 502.
/// Every listed row keeps its index, status and reason. Then, while the budget lasts and in this order: each
/// row's first error, the keys, and the other errors, a row at a time for each rank (so past the budget every
/// row has fewer errors, rather than the last rows none). Whatever is left out sets <see cref="IngestResponse.Truncated"/>.
/// </summary>
public static class ReplyBudget
{
    /// <summary>The reply as counted inside the Lambda response: 5 MB, the rest of 6 MB left to its other fields and headers.</summary>
    public const int MaxReplyBytes = 5 * 1024 * 1024;

    /// <summary>
    /// An error message is cut to this many bytes as the response carries it (a field's path can be as long as
    /// the row): about 490 characters of plain text, 61 quotes, 82 CJK characters. So the first error of 5,000
    /// rows takes at most 2.7 MB, and every invalid row keeps one, whatever its fields are called.
    /// </summary>
    public const int MaxErrorBytes = 512;

    /// <summary>What the reply's own fields take (request id, dataset, summary, flags): none is the client's text, about 500 bytes.</summary>
    private const int EnvelopeBytes = 4 * 1024;

    /// <summary>The rows as the reply lists them, cut to fit <paramref name="maxBytes"/>, and whether anything was left out.</summary>
    public static (IReadOnlyList<RowResult> Rows, bool Truncated) Fit(IReadOnlyList<RowResult> rows, int maxBytes = MaxReplyBytes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var size = new ResponseSize();
        var truncated = false;
        var left = (long)maxBytes - EnvelopeBytes;
        // ,"errors":[ and ] around a row's messages: 22 bytes, 12 of them its two quotes.
        var errorsList = size.OfJson(",\"errors\":[]"u8);
        // The comma between two rows or two messages.
        var comma = size.OfJson(","u8);

        var skeletons = new long[rows.Count];
        var errors = new string[rows.Count][];
        var errorBytes = new long[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            // Index, status and reason: at most 104 bytes, 520 KB for 5,000 rows, which always fit.
            skeletons[i] = size.Of(rows[i] with { Key = null, Errors = null });
            left -= skeletons[i] + comma;
            var sent = rows[i].Errors ?? [];
            errors[i] = new string[sent.Count];
            errorBytes[i] = new long[sent.Count];
            for (var e = 0; e < sent.Count; e++)
            {
                (errors[i][e], errorBytes[i][e]) = Cut(sent[e], size);
                truncated |= !ReferenceEquals(errors[i][e], sent[e]);
            }
        }

        var keptErrors = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (errors[i].Length == 0) continue;
            if (Take(ref left, errorsList + errorBytes[i][0])) keptErrors[i] = 1;
            else truncated = true;
        }

        var keptKeys = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Key is null) continue;
            if (Take(ref left, size.Of(rows[i] with { Errors = null }) - skeletons[i])) keptKeys[i] = true;
            else truncated = true;
        }

        var mostErrors = errors.Length == 0 ? 0 : errors.Max(e => e.Length);
        for (var rank = 1; rank < mostErrors; rank++)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                // A row's messages stay a prefix of its list: once one is left out, so are the rest.
                if (keptErrors[i] != rank || rank >= errors[i].Length) continue;
                if (Take(ref left, comma + errorBytes[i][rank])) keptErrors[i] = rank + 1;
                else truncated = true;
            }
        }

        if (!truncated) return (rows, false);
        var fitted = new RowResult[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            fitted[i] = rows[i] with
            {
                Key = keptKeys[i] ? rows[i].Key : null,
                Errors = rows[i].Errors is null ? null : keptErrors[i] == 0 ? null : errors[i][..keptErrors[i]],
            };
        }
        return (fitted, truncated);
    }

    private static bool Take(ref long left, long bytes)
    {
        if (bytes > left) return false;
        left -= bytes;
        return true;
    }

    /// <summary>
    /// The message and its size in the response, or as much of it as fits <see cref="MaxErrorBytes"/> and an
    /// ellipsis (never half a surrogate pair).
    /// </summary>
    private static (string Message, long Bytes) Cut(string message, ResponseSize size)
    {
        var bytes = size.Of(message);
        if (bytes <= MaxErrorBytes) return (message, bytes);
        // Its two quotes (\u0022 in the response, 12 bytes) and the ellipsis (\u2026, 6) come out of the budget too.
        const int room = MaxErrorBytes - 12 - 6;
        var kept = 0;
        for (var i = 0; i < message.Length; i++)
        {
            var pair = char.IsHighSurrogate(message[i]) && i + 1 < message.Length && char.IsLowSurrogate(message[i + 1]);
            kept += pair ? PairBytes : ResponseBytes(message[i]);
            if (kept > room)
            {
                var cut = string.Concat(message.AsSpan(0, i), "…");
                return (cut, size.Of(cut));
            }
            if (pair) i++;
        }
        return (message, bytes);
    }

    /// <summary>A surrogate pair (an emoji): <c>\uD83D\uDE00</c> in the reply (the relaxed encoder escapes every one), then each backslash doubled.</summary>
    internal const int PairBytes = 14;

    /// <summary>
    /// At most what one UTF-16 character of a string takes in the response, escaped in the reply by the
    /// serializer's writer and then in the response by the default encoder (<see cref="ResponseSize"/>);
    /// a test holds it to the writers for every character.
    /// </summary>
    internal static int ResponseBytes(char c) => c switch
    {
        '"' => 8,                                          // \" in the reply, \\\u0022 in the response
        '\\' => 4,                                         // \\ in the reply, \\\\ in the response
        '\n' or '\r' or '\t' or '\b' or '\f' => 3,         // \n, then \\n
        < ' ' or (char)0x7F => 7,                          // \u0001, then \\u0001
        '<' or '>' or '&' or '\'' or '+' or '`' => 6,       // as is in the reply; \u003C in the response (HTML-sensitive)
        < (char)0x80 => 1,
        // As is in the reply and \uXXXX in the response; or, for what the relaxed encoder blocks (spaces other
        // than U+0020, format characters, unassigned code points) and a lone surrogate (U+FFFD), \uXXXX in the
        // reply and then \\uXXXX.
        _ => 7,
    };

    /// <summary>
    /// The size of a piece of the reply as it travels in the Lambda response, measured by writing it as the
    /// function does. The reply: with Amazon.Lambda.Serialization.SystemTextJson's writer (UnsafeRelaxedJsonEscaping:
    /// <c>\"</c>, non-ASCII text as is except what that encoder blocks, every emoji among it, as <c>\uXXXX</c>).
    /// Then that JSON as the proxy response's body string, the way Amazon.Lambda.Annotations' HttpResults writes
    /// it: System.Text.Json's default encoder, which writes every <c>"</c>, HTML-sensitive character and non-ASCII
    /// UTF-16 unit as <c>\uXXXX</c>. Why the default encoder on both layers: the stand-in's HttpResults writes the
    /// same way, so one count is exact for either build (the same template deploys both); and it escapes every
    /// character at least as long as the relaxed encoder would, so counted this way a reply fits whichever
    /// encoder writes its envelope.
    /// </summary>
    private sealed class ResponseSize : IDisposable
    {
        // AbstractLambdaJsonSerializer's writer options, which FunctionsJsonSerializer keeps.
        private static readonly JsonWriterOptions ReplyWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private readonly ArrayBufferWriter<byte> _reply = new(1024);
        private readonly ArrayBufferWriter<byte> _response = new(4096);
        private readonly Utf8JsonWriter _replyJson;
        // HttpResults' AnnotationsResponseJsonSerializerContext.Default: default options, the default encoder.
        private readonly Utf8JsonWriter _responseJson;

        public ResponseSize()
        {
            _replyJson = new Utf8JsonWriter(_reply, ReplyWriter);
            _responseJson = new Utf8JsonWriter(_response);
        }

        public void Dispose()
        {
            _replyJson.Dispose();
            _responseJson.Dispose();
        }

        public long Of(RowResult row)
        {
            Reset();
            JsonSerializer.Serialize(_replyJson, row, ContractsJsonContext.Default.RowResult);
            return Measured();
        }

        public long Of(string text)
        {
            Reset();
            _replyJson.WriteStringValue(text);
            return Measured();
        }

        /// <summary>Reply JSON written by hand (punctuation between the measured pieces).</summary>
        public long OfJson(ReadOnlySpan<byte> json) => InResponse(json);

        private void Reset()
        {
            _reply.ResetWrittenCount();
            _replyJson.Reset();
        }

        private long Measured()
        {
            _replyJson.Flush();
            return InResponse(_reply.WrittenSpan);
        }

        private long InResponse(ReadOnlySpan<byte> replyJson)
        {
            _response.ResetWrittenCount();
            _responseJson.Reset();
            _responseJson.WriteStringValue(replyJson);
            _responseJson.Flush();
            // The string's own two quotes are the response's, counted once with its other fields.
            return _response.WrittenCount - 2;
        }
    }
}
