using System.Text;
using Amazon.Lambda.APIGatewayEvents;

namespace Dynamo.Lambda.Extensions;

/// <summary>
/// The bytes of a proxy event's body. Amazon.Lambda.Annotations binds <c>[FromBody]</c> as text or as JSON only, so a
/// base64 body (a binary media type, or a client that compresses) is decoded here, in one place.
/// </summary>
public static class RequestBody
{
    /// <summary>False when the body is marked base64 but is not valid base64.</summary>
    public static bool TryRead(APIGatewayProxyRequest request, out ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Body ?? "";
        if (!request.IsBase64Encoded)
        {
            body = Encoding.UTF8.GetBytes(text);
            return true;
        }
        try
        {
            body = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            body = ReadOnlyMemory<byte>.Empty;
            return false;
        }
    }
}
