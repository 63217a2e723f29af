using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dynamo.Contracts;
using Dynamo.Lambda.Events;

namespace Dynamo.Functions;

/// <summary>Proxy-integration responses with JSON bodies; every error body is an <see cref="ErrorResponse"/>.</summary>
internal static class ApiResponses
{
    private static readonly IReadOnlyDictionary<string, string> JsonHeaders =
        new Dictionary<string, string>(StringComparer.Ordinal) { ["Content-Type"] = "application/json" };

    public static APIGatewayProxyResponse Json<T>(int statusCode, T body, JsonTypeInfo<T> type, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        StatusCode = statusCode,
        Headers = headers is null ? JsonHeaders : JsonHeaders.Concat(headers).ToDictionary(StringComparer.Ordinal),
        Body = JsonSerializer.Serialize(body, type),
    };

    public static APIGatewayProxyResponse Error(int statusCode, string message, string type, IReadOnlyDictionary<string, string>? headers = null) =>
        Json(statusCode, new ErrorResponse(message, type), ContractsJsonContext.Default.ErrorResponse, headers);
}
