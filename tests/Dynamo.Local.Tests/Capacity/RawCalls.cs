using System.Globalization;
using System.Text;

namespace Dynamo.Local.Tests.Capacity;

/// <summary>DynamoDB's JSON protocol by hand, to see an answer's bytes and headers as a client receives them.</summary>
internal static class RawCalls
{
    private static readonly HttpClient Http = new();

    public static async Task<HttpResponseMessage> SendAsync(Uri endpoint, string operation, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(json, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        request.Headers.Add("X-Amz-Target", $"DynamoDB_20120810.{operation}");
        // DynamoDB Local reads the access key and region from the credential scope but never checks the signature.
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=dummy/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-target, Signature=00");
        request.Headers.Add("X-Amz-Date", "20260101T000000Z");
        var response = await Http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public static string WithTable(string json, CapacityHarness stack) => json.Replace("TABLE", stack.Table, StringComparison.Ordinal);

    public static string? Crc32Header(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amz-crc32", out var values) ? values.Single() : null;

    /// <summary>The x-amz-crc32 a body must carry, computed bit by bit: independent of the proxy's System.IO.Hashing.</summary>
    public static string ExpectedCrc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return (~crc).ToString(CultureInfo.InvariantCulture);
    }
}
