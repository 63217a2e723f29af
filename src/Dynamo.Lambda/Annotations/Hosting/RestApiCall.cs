using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

namespace Dynamo.Lambda.Annotations.Hosting;

/// <summary>
/// Binds the parameters of one RestApi function call from its proxy event with Amazon.Lambda.Annotations' rules: a
/// present value converts with <see cref="Convert.ChangeType(object, Type, IFormatProvider)"/>, an absent one is the type's
/// default, a non-string body is JSON read by the serializer. Every failure is collected, and
/// <see cref="ValidationFailure"/> answers them all at once with 400 ValidationException before the method runs.
/// </summary>
public sealed class RestApiCall(APIGatewayProxyRequest request, ILambdaSerializer serializer)
{
    private List<string>? _errors;

    /// <summary>True once a parameter failed to bind: the generated handler then answers <see cref="ValidationFailure"/>.</summary>
    public bool Invalid => _errors is not null;

    public T Route<T>(string key) => Convert<T>(request.PathParameters is { } path && path.TryGetValue(key, out var value) ? value : null, key);

    public T Query<T>(string key) => Convert<T>(request.QueryStringParameters is { } query && query.TryGetValue(key, out var value) ? value : null, key);

    /// <summary>Header names are case-insensitive (RFC 9110 section 5.1); the event keeps the caller's case.</summary>
    public T Header<T>(string key) =>
        Convert<T>(request.Headers?.FirstOrDefault(h => string.Equals(h.Key, key, StringComparison.OrdinalIgnoreCase)).Value, key);

    /// <summary>A string body: <c>Body</c> as the event carries it (null when there is none, as absent values are).</summary>
    public string BodyText() => request.Body!;

    /// <summary>Any other body: JSON of <typeparamref name="T"/>.</summary>
    public T Body<T>()
    {
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(request.Body ?? ""), writable: false);
            return serializer.Deserialize<T>(stream);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            Fail($"Value {request.Body} at 'body' failed to satisfy constraint: {e.Message}");
            return default!;
        }
    }

    /// <summary>400 with header <c>x-amzn-ErrorType: ValidationException</c> and every binding error in the message.</summary>
    public Stream ValidationFailure()
    {
        var errors = _errors ?? [];
        var message = $"{errors.Count} validation error(s) detected: {string.Join(",", errors)}";
        var response = new APIGatewayProxyResponse
        {
            Body = $"{{\"message\": {JsonSerializer.Serialize(message, RestApiCallJsonContext.Default.String)}}}",
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["x-amzn-ErrorType"] = "ValidationException" },
            StatusCode = 400,
        };
        var stream = new MemoryStream();
        serializer.Serialize(response, stream);
        stream.Position = 0;
        return stream;
    }

    private T Convert<T>(string? text, string key)
    {
        if (text is null) return default!;
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        try
        {
            return (T)System.Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            Fail($"Value {text} at '{key}' failed to satisfy constraint: {e.Message}");
            return default!;
        }
    }

    private void Fail(string error) => (_errors ??= []).Add(error);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class RestApiCallJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
