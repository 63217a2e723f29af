using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Dynamo.Local.Capacity;

/// <summary>
/// Writes an answer the proxy made or rewrote, in DynamoDB's JSON 1.0 protocol: content type, request id, and the
/// x-amz-crc32 header, the CRC-32 of the body bytes, which the AWS SDKs check (the .NET SDK throws an IOException
/// on a mismatch).
/// </summary>
internal static class DynamoDbAnswer
{
    public const string ContentType = "application/x-amz-json-1.0";
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string Crc32Header = "x-amz-crc32";

    public static async Task WriteAsync(HttpResponse response, int statusCode, ReadOnlyMemory<byte> body, string? requestId, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        response.Headers[RequestIdHeader] = requestId ?? NewRequestId();
        response.Headers[Crc32Header] = Crc32Text(body.Span);
        await response.Body.WriteAsync(body, cancellationToken);
    }

    /// <summary>DynamoDB sends the CRC as an unsigned decimal number.</summary>
    public static uint Crc32Of(ReadOnlySpan<byte> body) => Crc32.HashToUInt32(body);

    /// <summary>The x-amz-crc32 header's value for this body.</summary>
    public static string Crc32Text(ReadOnlySpan<byte> body) => Crc32Of(body).ToString(CultureInfo.InvariantCulture);

    /// <summary>DynamoDB's request ids are 52 upper-case alphanumerics; an answer DynamoDB Local never saw gets one of that shape.</summary>
    private static string NewRequestId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(26));
}
