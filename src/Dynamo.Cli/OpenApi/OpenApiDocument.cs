using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;

namespace Dynamo.Cli.OpenApi;

/// <summary>
/// docs/openapi.yaml, written from what the API really is, never by hand: the wire types' JSON schemas as
/// System.Text.Json serialises them (<see cref="JsonSchemaExporter"/> on <see cref="ContractsJsonContext"/>), one
/// row schema per dataset from its declaration, and the statuses of docs/http-api.md's client-action table.
/// OpenAPI 3.1, whose schemas are JSON Schema 2020-12 like the declarations.
/// </summary>
internal static class OpenApiDocument
{
    public const string FileName = "docs/openapi.yaml";
    /// <summary>The same document as JSON, embedded in the functions' package for <c>GET /openapi.json</c>.</summary>
    public const string ServedFileName = "src/Dynamo.Functions/OpenApi/openapi.json";

    private static readonly JsonSerializerOptions ServedWriter = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The document as the API serves it: indented JSON, characters as written, one newline at the end.</summary>
    public static string ServedJson(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.ToJsonString(ServedWriter).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Rows per request and the body's size (docs/http-api.md, Limits).</summary>
    private const int MaxRows = 5000;

    private static readonly JsonSchemaExporterOptions Exporter = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = OmittedWhenNull,
    };

    /// <summary>
    /// A property left out when null (<c>[JsonIgnore(Condition = WhenWritingNull)]</c>) is never null on the wire:
    /// it is absent (not required) or of its type, never <c>"type": [T, "null"]</c>.
    /// </summary>
    private static JsonNode OmittedWhenNull(JsonSchemaExporterContext context, JsonNode schema)
    {
        var ignore = context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: false)
            .OfType<JsonIgnoreAttribute>().FirstOrDefault();
        if (ignore?.Condition == JsonIgnoreCondition.WhenWritingNull && schema is JsonObject { } node && node["type"] is JsonArray types)
        {
            var kept = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
            node["type"] = kept is [var single] ? single : new JsonArray([.. kept.Select(t => (JsonNode)JsonValue.Create(t))]);
        }
        return schema;
    }

    public static JsonObject Build(IEnumerable<DatasetDeclaration> datasets)
    {
        var declarations = datasets.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        var schemas = new JsonObject
        {
            ["IngestResponse"] = Schema(ContractsJsonContext.Default.IngestResponse),
            ["ErrorResponse"] = ErrorSchema(),
            ["DatasetList"] = Schema(ContractsJsonContext.Default.DatasetList),
            ["HealthResponse"] = Schema(ContractsJsonContext.Default.HealthResponse),
        };
        var paths = new JsonObject
        {
            ["/health"] = new JsonObject { ["get"] = Health() },
            ["/datasets"] = new JsonObject { ["get"] = Datasets() },
            ["/openapi.json"] = new JsonObject { ["get"] = Document() },
        };
        foreach (var dataset in declarations)
        {
            var type = TypeName(dataset.Name);
            schemas[$"{type}Row"] = RowSchema(dataset);
            schemas[$"{type}Request"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("rows"),
                ["properties"] = new JsonObject
                {
                    ["rows"] = new JsonObject
                    {
                        ["type"] = "array",
                        ["minItems"] = 1,
                        ["maxItems"] = MaxRows,
                        ["items"] = Ref($"{type}Row"),
                    },
                },
            };
            paths[$"/datasets/{dataset.Name}/rows"] = new JsonObject { ["post"] = PostRows(dataset, type) };
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Dynamo ingestion API",
                ["version"] = "1",
                ["description"] = "Rows posted in batches of up to 5,000, a status for every row. docs/http-api.md is the "
                    + "contract in prose; this document is written from the code by `scripts/dynamo openapi`.",
            },
            ["servers"] = new JsonArray(
                new JsonObject { ["url"] = "http://127.0.0.1:3000/dev", ["description"] = "the local stack (scripts/dynamo local)" },
                new JsonObject
                {
                    ["url"] = "https://{restApiId}.execute-api.{region}.amazonaws.com/{stage}",
                    ["description"] = "a deployed stage (the ApiUrl output of scripts/deploy.sh)",
                    ["variables"] = new JsonObject
                    {
                        ["restApiId"] = new JsonObject { ["default"] = "abc123" },
                        ["region"] = new JsonObject { ["default"] = "us-east-1" },
                        ["stage"] = new JsonObject { ["default"] = "dev" },
                    },
                }),
            // Either the source IP and an API key (a stage deployed with RequireApiKey=true), or the source IP alone.
            ["security"] = new JsonArray(
                new JsonObject { ["sourceIp"] = new JsonArray(), ["api_key"] = new JsonArray() },
                new JsonObject { ["sourceIp"] = new JsonArray() }),
            ["tags"] = new JsonArray(
                new JsonObject { ["name"] = "rows", ["description"] = "Sending rows" },
                new JsonObject { ["name"] = "datasets", ["description"] = "What can be sent" },
                new JsonObject { ["name"] = "health", ["description"] = "Is the store reachable" },
                new JsonObject { ["name"] = "openapi", ["description"] = "This document" }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject { ["sourceIp"] = SourceIpScheme(), ["api_key"] = ApiKeyScheme() },
                ["headers"] = new JsonObject
                {
                    ["RetryAfter"] = new JsonObject
                    {
                        ["description"] = "Seconds to wait before resending the request.",
                        ["schema"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
                    },
                },
                ["schemas"] = schemas,
            },
        };
    }

    /// <summary>
    /// API Gateway's own export of a Lambda REQUEST authorizer: an apiKey scheme named Unused with the authorizer in
    /// extensions. The caller sends nothing; its source IP is what is checked (docs/security.md).
    /// </summary>
    private static JsonObject SourceIpScheme() => new()
    {
        ["type"] = "apiKey",
        ["name"] = "Unused",
        ["in"] = "header",
        ["description"] = "The caller's source IP must be inside one of the stage's AllowedCidrs; nothing is sent. A caller outside them gets 403.",
        ["x-amazon-apigateway-authtype"] = "custom",
        ["x-amazon-apigateway-authorizer"] = new JsonObject
        {
            ["type"] = "request",
            ["identitySource"] = "context.identity.sourceIp",
            ["authorizerResultTtlInSeconds"] = 300,
        },
    };

    /// <summary>API Gateway's own export of API keys: the scheme api_key, the header x-api-key (docs/api-keys.md).</summary>
    private static JsonObject ApiKeyScheme() => new()
    {
        ["type"] = "apiKey",
        ["name"] = "x-api-key",
        ["in"] = "header",
        ["description"] = "The caller's API key, required when the stage is deployed with RequireApiKey=true: its usage plan sets its rate, burst and quota. Without a valid one: 403 InvalidApiKeyException.",
    };

    private static JsonObject PostRows(DatasetDeclaration dataset, string type)
    {
        // A node has one parent: each response gets its own copy of the content.
        var responses = new JsonObject
        {
            ["200"] = Response("Every row is stored, duplicate or stale.", Json("IngestResponse")),
            ["207"] = Response("Some rows are not stored: resend the retry rows after retryAfterMs, report the invalid ones, drop the duplicate and stale ones, decide on the conflicts.", Json("IngestResponse")),
            ["400"] = Error("The body is not JSON, has no rows array, or a row is not an object: fix the request; nothing was written."),
            ["401"] = Error("The authorizer could not identify the caller: do not retry."),
            ["403"] = Error("The caller's IP is not allowed (AccessDeniedException), or the stage requires an API key and got no valid one (InvalidApiKeyException): do not retry."),
            ["404"] = Error("Unknown route: fix the URL."),
            ["413"] = Error($"More than {MaxRows:N0} rows, or a body over 5 MB: split and resend."),
            ["415"] = Error("Not application/json in UTF-8: fix the request."),
            ["429"] = Response("Throttled, by the rate or burst of the API key's usage plan or of the stage (ThrottledException, \"Too Many Requests\"), or by the store with nothing written (an ingest answer, every row not invalid is retry): wait Retry-After seconds and resend the whole request. The key's quota for the period used up (LimitExceededException, \"Limit Exceeded\", no Retry-After): resend after the period.",
                JsonOneOf("IngestResponse", "ErrorResponse"), retryAfter: true),
            ["500"] = Error("An unexpected failure: resend the whole request with backoff (safe: rows are idempotent)."),
            ["502"] = Error("The function failed: resend the whole request with backoff."),
            ["503"] = Response("The store failed or could not be reached (an ingest answer), or no function capacity (an error body): wait Retry-After if given, resend with backoff.",
                JsonOneOf("IngestResponse", "ErrorResponse"), retryAfter: true),
            ["504"] = Error("The integration timed out: resend the whole request (safe)."),
        };
        return new JsonObject
        {
            ["operationId"] = $"post{type}Rows",
            ["tags"] = new JsonArray("rows"),
            ["summary"] = $"Store rows of the {dataset.Name} dataset",
            ["parameters"] = new JsonArray(new JsonObject
            {
                ["name"] = "rows",
                ["in"] = "query",
                ["required"] = false,
                ["description"] = "all: list every row in the answer, not only those that are not stored.",
                ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("all") },
            }),
            ["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref($"{type}Request") } },
            },
            ["responses"] = responses,
        };
    }

    private static JsonObject Datasets() => new()
    {
        ["operationId"] = "listDatasets",
        ["tags"] = new JsonArray("datasets"),
        ["summary"] = "The datasets, their deployed table names, keys and row schemas",
        ["responses"] = new JsonObject
        {
            ["200"] = Response("The datasets.", Json("DatasetList")),
            ["401"] = Error("The authorizer could not identify the caller: do not retry."),
            ["403"] = Error("The caller's IP is not allowed (AccessDeniedException), or the stage requires an API key and got no valid one (InvalidApiKeyException): do not retry."),
            ["429"] = Response("The rate or burst of the API key's usage plan or of the stage (ThrottledException): wait Retry-After seconds; or the key's quota (LimitExceededException): wait for the next period.", Json("ErrorResponse"), retryAfter: true),
            ["500"] = Error("An unexpected failure: retry with backoff."),
        },
    };

    private static JsonObject Document() => new()
    {
        ["operationId"] = "getOpenApi",
        ["tags"] = new JsonArray("openapi"),
        ["summary"] = "This document, as JSON (no authorizer: client generators read it from the stage they call)",
        ["security"] = new JsonArray(),
        ["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "The OpenAPI 3.1 document of this API.",
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
            },
            ["429"] = Response("The stage's rate or burst: wait Retry-After seconds.", Json("ErrorResponse"), retryAfter: true),
        },
    };

    private static JsonObject Health() => new()
    {
        ["operationId"] = "getHealth",
        ["tags"] = new JsonArray("health"),
        ["summary"] = "Whether DynamoDB answers a cheap call within 3 s (no authorizer: for load balancers and uptime checks)",
        ["security"] = new JsonArray(),
        ["responses"] = new JsonObject
        {
            ["200"] = Response("The store is reachable.", Json("HealthResponse")),
            ["429"] = Response("The stage's rate or burst: wait Retry-After seconds.", Json("ErrorResponse"), retryAfter: true),
            ["503"] = Error("The store is unavailable."),
        },
    };

    private static JsonObject Response(string description, JsonObject content, bool retryAfter = false)
    {
        var response = new JsonObject { ["description"] = description };
        if (retryAfter)
            response["headers"] = new JsonObject { ["Retry-After"] = new JsonObject { ["$ref"] = "#/components/headers/RetryAfter" } };
        response["content"] = content;
        return response;
    }

    private static JsonObject Error(string description) => Response(description, Json("ErrorResponse"));

    private static JsonObject Json(string schema) => new() { ["application/json"] = new JsonObject { ["schema"] = Ref(schema) } };

    private static JsonObject JsonOneOf(params string[] schemas) => new()
    {
        ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["oneOf"] = new JsonArray([.. schemas.Select(s => (JsonNode)Ref(s))]) } },
    };

    private static JsonObject Ref(string schema) => new() { ["$ref"] = $"#/components/schemas/{schema}" };

    private static JsonNode Schema(JsonTypeInfo type) => type.Options.GetJsonSchemaAsNode(type.Type, Exporter);

    /// <summary>The error shape, its <c>type</c> limited to <see cref="ErrorTypes"/>' values.</summary>
    private static JsonNode ErrorSchema()
    {
        var schema = Schema(ContractsJsonContext.Default.ErrorResponse);
        var types = typeof(ErrorTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal);
        schema["properties"]!["type"]!["enum"] = new JsonArray([.. types.Select(t => (JsonNode)JsonValue.Create(t))]);
        return schema;
    }

    /// <summary>The declaration's JSON Schema, with the rules every dataset shares: no empty name, none starting with <c>_</c>.</summary>
    private static JsonObject RowSchema(DatasetDeclaration dataset)
    {
        var schema = JsonNode.Parse(dataset.Schema.GetRawText())!.AsObject();
        schema.Remove("$schema");   // the document's dialect is already 2020-12
        schema["propertyNames"] = new JsonObject { ["minLength"] = 1, ["pattern"] = "^[^_]" };
        return schema;
    }

    /// <summary>orders -> Orders, order-lines -> OrderLines.</summary>
    private static string TypeName(string dataset) =>
        string.Concat(dataset.Split('-', '_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
