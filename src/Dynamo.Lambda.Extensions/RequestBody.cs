using System.Buffers;
using System.Text;
using Amazon.Lambda.APIGatewayEvents;

namespace Dynamo.Lambda.Extensions;

/// <summary>
/// The bytes of a proxy event's body. Amazon.Lambda.Annotations binds <c>[FromBody]</c> as text or as JSON only, so a
/// base64 body (a binary media type, or a client that compresses) is decoded here, in one place.
/// </summary>
/// <remarks>
/// The bytes are in an array rented from the shared pool and given back on <see cref="Dispose"/>: a 5,000-row body is
/// about a megabyte, and a new array of that size per request goes to the large object heap, whose allocations bring on
/// the full collections of the GC.
/// </remarks>
public sealed class RequestBody : IDisposable
{
    private byte[]? _rented;

    private RequestBody(byte[] rented, int length)
    {
        _rented = rented;
        Bytes = rented.AsMemory(0, length);
    }

    /// <summary>The body's bytes; not to be used after <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Bytes { get; private set; }

    /// <summary>Null when the body is marked base64 but is not valid base64.</summary>
    public static RequestBody? TryRead(APIGatewayProxyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Body ?? "";
        if (!request.IsBase64Encoded)
        {
            var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(text));
            return new RequestBody(utf8, Encoding.UTF8.GetBytes(text, utf8));
        }
        // Base64 takes 4 characters for every 3 bytes; whitespace, which it may contain, only makes it longer.
        var decoded = ArrayPool<byte>.Shared.Rent(text.Length / 4 * 3 + 3);
        if (Convert.TryFromBase64String(text, decoded, out var written)) return new RequestBody(decoded, written);
        ArrayPool<byte>.Shared.Return(decoded);
        return null;
    }

    public void Dispose()
    {
        if (_rented is null) return;
        Bytes = ReadOnlyMemory<byte>.Empty;
        ArrayPool<byte>.Shared.Return(_rented);
        _rented = null;
    }
}
