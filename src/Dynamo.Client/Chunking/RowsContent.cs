using System.Net;
using System.Net.Http.Headers;

namespace Dynamo.Client.Chunking;

/// <summary>
/// The body <c>{"rows":[...]}</c> written straight from the rows' JSON: a resend builds a new one from the
/// rows still pending without serializing or copying them again.
/// </summary>
internal sealed class RowsContent : HttpContent
{
    private static readonly byte[] Open = "{\"rows\":["u8.ToArray();
    private static readonly byte[] Close = "]}"u8.ToArray();
    private static readonly byte[] Separator = ","u8.ToArray();

    /// <summary>The bytes of an empty envelope; each row adds its JSON and, after the first, one comma.</summary>
    public static int EnvelopeBytes => Open.Length + Close.Length;

    public static int SeparatorBytes => Separator.Length;

    private readonly IReadOnlyList<PendingRow> rows;

    public RowsContent(IReadOnlyList<PendingRow> rows)
    {
        this.rows = rows;
        // Exactly application/json: the API's 415 rule names no parameters (docs/http-api.md).
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    public static long SizeOf(IReadOnlyList<PendingRow> rows)
    {
        long size = EnvelopeBytes + (long)Math.Max(0, rows.Count - 1) * SeparatorBytes;
        foreach (var row in rows)
        {
            size += row.Json.Length;
        }
        return size;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Open, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < rows.Count; i++)
        {
            if (i > 0)
            {
                await stream.WriteAsync(Separator, cancellationToken).ConfigureAwait(false);
            }
            await stream.WriteAsync(rows[i].Json, cancellationToken).ConfigureAwait(false);
        }
        await stream.WriteAsync(Close, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = SizeOf(rows);
        return true;
    }
}
