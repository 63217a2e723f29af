using System.Text.Json;
using System.Text.RegularExpressions;
using Dynamo.Local.Template;
using Dynamo.Local.Workers;
using Microsoft.AspNetCore.Http;

namespace Dynamo.Local.Gateway;

/// <summary>
/// The template's gateway responses applied as API Gateway applies them: a type's own definition, else its
/// DEFAULT_4XX/DEFAULT_5XX fallback, else API Gateway's default (<c>{"message":$context.error.messageString}</c>).
/// A fallback's status code, headers and template reach every type it covers that does not set its own.
/// </summary>
public sealed partial class GatewayResponses(IReadOnlyDictionary<string, GatewayResponseDefinition> defined)
{
    private const string JsonContentType = "application/json";
    private const string AwsDefaultTemplate = """{"message":$context.error.messageString}""";

    public static GatewayResponses AwsDefaults { get; } = new(new Dictionary<string, GatewayResponseDefinition>());

    public async Task WriteAsync(HttpResponse http, GatewayResponse failure, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(failure);
        var own = failure.ResponseType == failure.Fallback ? null : defined.GetValueOrDefault(failure.ResponseType);
        var fallback = defined.GetValueOrDefault(failure.Fallback);

        http.StatusCode = own?.StatusCode ?? fallback?.StatusCode ?? failure.DefaultStatusCode;
        http.ContentType = JsonContentType;
        http.Headers["x-amzn-ErrorType"] = failure.AwsErrorType;
        foreach (var definition in new[] { fallback, own })
            foreach (var (name, value) in definition?.Headers ?? new Dictionary<string, string>())
                http.Headers[name] = value;

        var template = Template(own) ?? Template(fallback) ?? AwsDefaultTemplate;
        var body = System.Text.Encoding.UTF8.GetBytes(Render(template, failure, requestId));
        http.ContentLength = body.Length;
        await http.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    private static string? Template(GatewayResponseDefinition? definition) =>
        definition is null ? null
        : definition.Templates.TryGetValue(JsonContentType, out var json) ? json
        : definition.Templates.Values.FirstOrDefault();

    // Gateway response templates are not run through VTL: API Gateway only substitutes $context variables,
    // and an unknown one becomes empty.
    private static string Render(string template, GatewayResponse failure, string requestId) =>
        ContextVariable().Replace(template, match => match.Groups["name"].Value switch
        {
            "error.messageString" => JsonSerializer.Serialize(failure.Message, LocalJsonContext.Default.String),
            "error.message" => failure.Message,
            "error.responseType" => failure.ResponseType,
            "requestId" => requestId,
            _ => "",
        });

    [GeneratedRegex(@"\$context\.(?<name>[A-Za-z]+(?:\.[A-Za-z]+)*)")]
    private static partial Regex ContextVariable();
}
