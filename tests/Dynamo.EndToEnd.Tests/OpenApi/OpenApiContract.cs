using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dynamo.Cli.OpenApi;
using Dynamo.Core.Datasets;
using Json.Schema;

namespace Dynamo.EndToEnd.Tests.OpenApi;

/// <summary>
/// An answer of the API held against docs/openapi.yaml: the status is one the document lists for that operation,
/// the body validates against its schema (JsonSchema.Net, 2020-12 like the document), and a documented Retry-After
/// is sent. The document is the one <c>dynamo openapi</c> writes, which OpenApiDocumentTests proves is the committed file.
/// </summary>
internal static class OpenApiContract
{
    private static readonly JsonObject Document = OpenApiDocument.Build(DatasetCatalog.Declarations());

    public static void AssertMatches(string method, string path, int status, HttpResponseHeaders headers, string body)
    {
        var operation = Document["paths"]?[path]?[method.ToLowerInvariant()]
            ?? throw new Xunit.Sdk.XunitException($"docs/openapi.yaml has no {method} {path}");
        var response = operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            ?? throw new Xunit.Sdk.XunitException($"docs/openapi.yaml lists no {status} for {method} {path}, which answered it: {body}");
        if (response["headers"]?["Retry-After"] is not null)
            Assert.True(headers.RetryAfter is not null, $"{method} {path} {status} documents Retry-After, which the answer lacks");

        var schema = response["content"]!["application/json"]!["schema"]!;
        var results = Validator(schema).Evaluate(JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, $"{method} {path} {status} does not match docs/openapi.yaml: " +
            string.Join("; ", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}")) +
            $"\n{body[..Math.Min(body.Length, 500)]}");
    }

    /// <summary>The response's schema with the document's components beside it, its references pointed at them.</summary>
    private static JsonSchema Validator(JsonNode schema)
    {
        var text = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = Document["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        }.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text);
    }
}
