using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dynamo.Contracts;

namespace Dynamo.Lambda.Runtime;

/// <summary>Typed functions over <see cref="LambdaHandler"/>: source-generated JSON in and out, no reflection.</summary>
public static class JsonHandler
{
    public static LambdaHandler For<TRequest, TResponse>(
        Func<TRequest, ILambdaContext, CancellationToken, ValueTask<TResponse>> function,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType)
    {
        ArgumentNullException.ThrowIfNull(function);
        return async (payload, response, context, cancellationToken) =>
        {
            var request = JsonSerializer.Deserialize(payload.Span, requestType)
                ?? throw new JsonException($"The event is null; expected a {typeof(TRequest).Name}.");
            var result = await function(request, context, cancellationToken).ConfigureAwait(false);
            await using var writer = new Utf8JsonWriter(response, MinimalJsonEscaping.WriterOptions);
            JsonSerializer.Serialize(writer, result, responseType);
        };
    }
}
