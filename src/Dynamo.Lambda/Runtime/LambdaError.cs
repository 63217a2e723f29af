using System.Text.Json.Serialization;

namespace Dynamo.Lambda.Runtime;

/// <summary>
/// The body of <c>/runtime/invocation/{id}/error</c> and <c>/runtime/init/error</c> (runtime API 2018-06-01),
/// plus the category sent in the <c>Lambda-Runtime-Function-Error-Type</c> header.
/// </summary>
public sealed record LambdaError(
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    /// <summary>Header categories, in the <c>Category.Reason</c> form the runtime API documentation recommends.</summary>
    public const string UnhandledCategory = "Function.Unhandled";
    public const string InitErrorCategory = "Runtime.InitError";
    public const string NoSuchHandlerCategory = "Runtime.NoSuchHandler";

    [JsonIgnore]
    public string Category { get; init; } = UnhandledCategory;

    public static LambdaError From(Exception exception, string category = UnhandledCategory)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var lines = exception.StackTrace?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return new LambdaError(exception.GetType().Name, exception.Message, lines) { Category = category };
    }
}

[JsonSerializable(typeof(LambdaError))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
