using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.Serialization.SystemTextJson;

/// <summary>
/// JSON through a source-generated <typeparamref name="TSGContext"/>, built (as Amazon.Lambda's is) with Lambda's
/// options rather than the context's own: absent members left out, names matched without regard to case, names
/// written as declared unless <c>customizer</c> sets a naming policy.
/// </summary>
public class SourceGeneratorLambdaJsonSerializer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSGContext>
    : ILambdaSerializer where TSGContext : JsonSerializerContext
{
    private readonly TSGContext _context;
    private readonly JsonWriterOptions _writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public SourceGeneratorLambdaJsonSerializer()
        : this(null)
    {
    }

    public SourceGeneratorLambdaJsonSerializer(Action<JsonSerializerOptions>? customizer)
    {
        SerializerOptions = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = true,
        };
        customizer?.Invoke(SerializerOptions);
        var constructor = typeof(TSGContext).GetConstructor([typeof(JsonSerializerOptions)])
            ?? throw new InvalidOperationException($"The serializer {typeof(TSGContext).FullName} is missing a constructor that takes in JsonSerializerOptions object");
        _context = (TSGContext)constructor.Invoke([SerializerOptions]);
    }

    protected JsonSerializerOptions SerializerOptions { get; }

    public T Deserialize<T>(Stream requestStream)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        // An event already in memory is read in one pass. Read from a stream, a string longer than the read
        // buffer (a proxy event's body: up to 6 MB, Lambda's payload limit) is scanned again each time the buffer grows.
        if (requestStream is MemoryStream memory && memory.TryGetBuffer(out var buffer))
            return JsonSerializer.Deserialize(buffer.AsSpan((int)memory.Position), TypeInfo<T>())!;
        return JsonSerializer.Deserialize(requestStream, TypeInfo<T>())!;
    }

    public void Serialize<T>(T response, Stream responseStream)
    {
        using var writer = new Utf8JsonWriter(responseStream, _writerOptions);
        JsonSerializer.Serialize(writer, response, TypeInfo<T>());
    }

    private JsonTypeInfo<T> TypeInfo<T>() =>
        _context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new JsonException($"No JsonTypeInfo registered in {typeof(TSGContext).FullName} for type {typeof(T).FullName}.");
}
