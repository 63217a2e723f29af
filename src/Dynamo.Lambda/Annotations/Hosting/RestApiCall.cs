using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dynamo.Contracts;
using Dynamo.Lambda.Annotations.Results;
using Dynamo.Lambda.Events;
using Dynamo.Lambda.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Dynamo.Lambda.Annotations.Hosting;

/// <summary>
/// Binds the parameters of one RestApi function call from its proxy event, as generated handlers do: every
/// failure is collected, and <see cref="ValidationFailure"/> answers them all at once with 400
/// ValidationException (the behaviour of Amazon.Lambda.Annotations) before the method runs.
/// </summary>
public sealed class RestApiCall(APIGatewayProxyRequest request, FunctionInvocation invocation)
{
    private List<string>? _errors;

    public APIGatewayProxyRequest Request { get; } = request;
    public ILambdaContext Context => invocation.Context;
    public CancellationToken CancellationToken => invocation.CancellationToken;

    /// <summary>True once a parameter failed to bind: the generated handler then answers <see cref="ValidationFailure"/>.</summary>
    public bool Invalid => _errors is not null;

    public string? Route(string name) => Request.PathParameters?.GetValueOrDefault(name);

    public string? Query(string name) => Request.QueryStringParameters?.GetValueOrDefault(name);

    /// <summary>Header names are case-insensitive (RFC 9110 section 5.1); the event keeps the caller's case.</summary>
    public string? Header(string name)
    {
        if (Request.Headers is null) return null;
        if (Request.Headers.TryGetValue(name, out var exact)) return exact;
        foreach (var (key, value) in Request.Headers)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }

    public T Service<T>() where T : notnull => invocation.Services.GetRequiredService<T>();

    public T? OptionalService<T>() => invocation.Services.GetService<T>();

    /// <summary>A value that must be present and convert.</summary>
    public T Required<T>(string? text, string source, string name) where T : IParsable<T>
    {
        if (text is null) return Missing<T>(source, name);
        return T.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : NotConverted<T>(text, source, name, typeof(T).Name);
    }

    /// <summary>A value that is <paramref name="fallback"/> when absent, and must convert when present.</summary>
    public T Optional<T>(string? text, string source, string name, T fallback) where T : IParsable<T>
    {
        if (text is null) return fallback;
        return T.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : NotConverted<T>(text, source, name, typeof(T).Name);
    }

    /// <summary>A nullable value type: null when absent.</summary>
    public T? OptionalValue<T>(string? text, string source, string name) where T : struct, IParsable<T>
    {
        if (text is null) return null;
        return T.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : NotConverted<T>(text, source, name, typeof(T).Name);
    }

    public T RequiredEnum<T>(string? text, string source, string name) where T : struct, Enum =>
        text is null ? Missing<T>(source, name) : ParseEnum<T>(text, source, name);

    public T OptionalEnum<T>(string? text, string source, string name, T fallback) where T : struct, Enum =>
        text is null ? fallback : ParseEnum<T>(text, source, name);

    public T? OptionalEnumValue<T>(string? text, string source, string name) where T : struct, Enum =>
        text is null ? null : ParseEnum<T>(text, source, name);

    /// <summary>The body as text; a base64 body (binary media types) is decoded as UTF-8.</summary>
    public string BodyText() => Request.IsBase64Encoded ? Encoding.UTF8.GetString(BodyBytes().Span) : Request.Body ?? "";

    /// <summary>The body's bytes: base64-decoded when API Gateway encoded it, UTF-8 otherwise.</summary>
    public ReadOnlyMemory<byte> BodyBytes()
    {
        var body = Request.Body ?? "";
        if (!Request.IsBase64Encoded) return Encoding.UTF8.GetBytes(body);
        try
        {
            return Convert.FromBase64String(body);
        }
        catch (FormatException)
        {
            Fail("The request body is marked base64 but is not valid base64.");
            return ReadOnlyMemory<byte>.Empty;
        }
    }

    public byte[] BodyArray() => BodyBytes().ToArray();

    public Stream BodyStream()
    {
        var bytes = BodyBytes();
        return new MemoryStream(bytes.ToArray(), writable: false);
    }

    /// <summary>A JSON body; absent or empty is an error unless <paramref name="optional"/>.</summary>
    public T? Body<T>(JsonTypeInfo<T> type, bool optional)
    {
        ArgumentNullException.ThrowIfNull(type);
        var bytes = BodyBytes();
        if (Invalid) return default;
        if (bytes.IsEmpty)
        {
            if (!optional) Fail("The request body is required.");
            return default;
        }
        try
        {
            var value = JsonSerializer.Deserialize(bytes.Span, type);
            if (value is null && !optional) Fail("The request body is required; it was null.");
            return value;
        }
        catch (JsonException e)
        {
            Fail($"The request body is not a valid {typeof(T).Name}: {e.Message}");
            return default;
        }
    }

    /// <summary>400 with header <c>x-amzn-ErrorType: ValidationException</c> and every binding error in the message.</summary>
    public APIGatewayProxyResponse ValidationFailure()
    {
        var errors = _errors ?? [];
        var message = $"{errors.Count} validation error(s) detected: {string.Join(" ", errors)}";
        return HttpResults.Error(HttpStatusCode.BadRequest, message, ErrorTypes.Validation).ToProxyResponse();
    }

    private T ParseEnum<T>(string text, string source, string name) where T : struct, Enum =>
        // Names only: a number would pass Enum.TryParse and name no member.
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text.TrimStart('-')[0])
            ? value
            : NotConverted<T>(text, source, name, $"one of {string.Join(", ", Enum.GetNames<T>())}");

    private T Missing<T>(string source, string name)
    {
        Fail($"The {source} value '{name}' is required.");
        return default!;
    }

    private T NotConverted<T>(string text, string source, string name, string expected)
    {
        Fail($"Value '{text}' at {source} '{name}' is not {Article(expected)}.");
        return default!;
    }

    private static string Article(string expected) =>
        expected.StartsWith("one of", StringComparison.Ordinal) ? expected : ("AEIOU".Contains(expected[0], StringComparison.Ordinal) ? "an " : "a ") + expected;

    private void Fail(string error) => (_errors ??= []).Add(error);
}
