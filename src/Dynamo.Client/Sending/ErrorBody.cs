using System.Text.Json;
using Dynamo.Contracts;

namespace Dynamo.Client.Sending;

/// <summary>The API's error body (<c>{"message": ..., "type": ...}</c>), read for messages.</summary>
internal static class ErrorBody
{
    /// <summary>The error body, or null when the body is not one (a proxy's HTML page, say).</summary>
    public static ErrorResponse? Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, ContractsJsonContext.Default.ErrorResponse) is { Message: not null, Type: not null } error
                ? error
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>"HTTP 429 ThrottledException: ..." or just "HTTP 502".</summary>
    public static string Describe(HttpResponseMessage response, byte[] body) =>
        Parse(body) is { } error
            ? $"HTTP {(int)response.StatusCode} {error.Type}: {error.Message}"
            : $"HTTP {(int)response.StatusCode}";
}
