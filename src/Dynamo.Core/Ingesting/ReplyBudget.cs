using System.Buffers;
using System.Text.Json;
using Dynamo.Contracts;

namespace Dynamo.Core.Ingesting;

/// <summary>
/// Keeps an ingest reply within Lambda's limit on a synchronous response, 6 MB (6,291,456 bytes, "Lambda
/// quotas"): over it, API Gateway answers 502 and the client cannot tell which rows landed. Lambda counts the
/// proxy response the function returns, where the reply is one JSON string, so each <c>"</c> and <c>\</c> of the
/// reply counts twice. A reply lists up to 5,000 rows with up to 11 messages each, and a message names a field
/// by its path, which the client spells: unbounded, 4 MB of rows once answered 502.
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
    /// the row): about 500 characters of plain text, 128 quotes. So the first error of 5,000 rows takes at most
    /// 2.6 MB, and every invalid row keeps one, whatever its fields are called.
    /// </summary>
    public const int MaxErrorBytes = 512;

    /// <summary>What the reply's own fields take (request id, dataset, summary, flags): none is the client's text, about 300 bytes.</summary>
    private const int EnvelopeBytes = 4 * 1024;

    // ,"errors":[ and ] around a row's messages: 12 bytes, 2 of them quotes.
    private const int ErrorsListBytes = 14;

    /// <summary>The rows as the reply lists them, cut to fit <paramref name="maxBytes"/>, and whether anything was left out.</summary>
    public static (IReadOnlyList<RowResult> Rows, bool Truncated) Fit(IReadOnlyList<RowResult> rows, int maxBytes = MaxReplyBytes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var size = new ResponseSize();
        var truncated = false;
        var left = (long)maxBytes - EnvelopeBytes;

        var skeletons = new long[rows.Count];
        var errors = new string[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            // Index, status and reason: at most 70 bytes, 350 KB for 5,000 rows, which always fit.
            skeletons[i] = size.Of(rows[i] with { Key = null, Errors = null });
            left -= skeletons[i] + 1;
            var sent = rows[i].Errors ?? [];
            errors[i] = new string[sent.Count];
            for (var e = 0; e < sent.Count; e++)
            {
                errors[i][e] = Cut(sent[e]);
                truncated |= !ReferenceEquals(errors[i][e], sent[e]);
            }
        }

        var keptErrors = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (errors[i].Length == 0) continue;
            if (Take(ref left, ErrorsListBytes + size.Of(errors[i][0]))) keptErrors[i] = 1;
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
                if (Take(ref left, 1 + size.Of(errors[i][rank]))) keptErrors[i] = rank + 1;
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

    /// <summary>The message, or as much of it as fits <see cref="MaxErrorBytes"/> and an ellipsis (never half a surrogate pair).</summary>
    private static string Cut(string message)
    {
        // Its two quotes (4 bytes in the response) and the ellipsis (3) come out of the budget too.
        const int room = MaxErrorBytes - 4 - 3;
        var bytes = 0;
        for (var i = 0; i < message.Length; i++)
        {
            var pair = char.IsHighSurrogate(message[i]) && i + 1 < message.Length && char.IsLowSurrogate(message[i + 1]);
            bytes += pair ? 4 : ResponseBytes(message[i]);
            if (bytes > room) return string.Concat(message.AsSpan(0, i), "…");
            if (pair) i++;
        }
        return message;
    }

    /// <summary>What one character of a string takes in the response: escaped minimally in the reply, then again.</summary>
    private static int ResponseBytes(char c) => c switch
    {
        '"' or '\\' => 4,                                  // \" in the reply, \\\" in the response
        '\n' or '\r' or '\t' or '\b' or '\f' => 3,         // \n, then \\n
        < ' ' => 7,                                        // \u0001, then \\u0001
        < (char)0x80 => 1,
        < (char)0x800 => 2,
        _ => 3,                                            // a lone surrogate is written as U+FFFD, 3 bytes
    };

    /// <summary>
    /// The size of a piece of the reply as it travels in the Lambda response: its JSON, escaped as the function
    /// writes it (<see cref="MinimalJsonEscaping"/>), plus one byte for each <c>"</c> and <c>\</c>, which the
    /// response's string escapes once more.
    /// </summary>
    private sealed class ResponseSize : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(1024);
        private readonly Utf8JsonWriter _writer;

        public ResponseSize() => _writer = new Utf8JsonWriter(_buffer, MinimalJsonEscaping.WriterOptions);

        public void Dispose() => _writer.Dispose();

        public long Of(RowResult row)
        {
            Reset();
            JsonSerializer.Serialize(_writer, row, ContractsJsonContext.Default.RowResult);
            return Measured();
        }

        public long Of(string text)
        {
            Reset();
            _writer.WriteStringValue(text);
            return Measured();
        }

        private void Reset()
        {
            _buffer.ResetWrittenCount();
            _writer.Reset();
        }

        private long Measured()
        {
            _writer.Flush();
            var json = _buffer.WrittenSpan;
            return json.Length + json.Count((byte)'"') + json.Count((byte)'\\');
        }
    }
}
