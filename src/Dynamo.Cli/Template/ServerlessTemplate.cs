using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Amazon.Lambda.Annotations.APIGateway;
using Dynamo.Lambda.Annotations.Manifest;

namespace Dynamo.Cli.Template;

/// <summary>
/// <c>serverless.template</c>: the functions as CloudFormation JSON (SAM transform), written from the descriptions the
/// generator derives from the attributes, in the shape Amazon.Lambda.Annotations' generator writes: the
/// <c>AnnotationsRestApi</c> with its authorizers inline, Handler <c>bootstrap</c> (the one Native AOT executable of
/// <c>artifacts/functions.zip</c>) and <c>ANNOTATIONS_HANDLER</c> naming the method, events <c>Root{Method}</c>.
/// The attributes cannot say everything template.yaml does (the authorizer's source-IP identity, the stage's
/// settings): template.yaml is the deployment, and a test keeps the two in agreement.
/// </summary>
internal static class ServerlessTemplate
{
    public const string FileName = "serverless.template";
    public const string ApiResource = "AnnotationsRestApi";
    public const string Runtime = "provided.al2023";
    public const string Architecture = "x86_64";
    public const string CodeUri = "artifacts/functions.zip";
    public const string Handler = "bootstrap";
    public const string HandlerVariable = "ANNOTATIONS_HANDLER";
    public const string StageName = "Prod";
    private const string Tool = "Amazon.Lambda.Annotations";

    // A file for people and cfn-lint, never embedded in HTML: apostrophes and backquotes stay as written.
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(IReadOnlyList<FunctionDescription> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartObject();
            json.WriteString("AWSTemplateFormatVersion", "2010-09-09");
            json.WriteString("Transform", "AWS::Serverless-2016-10-31");
            json.WriteString("Description",
                "Dynamo's functions, generated from the code's attributes by `scripts/dynamo template`: edit the attributes, not this file.");
            WritePolicyParameters(json, functions);
            json.WriteStartObject("Resources");
            if (functions.Any(function => function.Routes.Count > 0))
                WriteApi(json, [.. functions.Where(function => function.Authorizer is not null)]);
            foreach (var function in functions)
                WriteFunction(json, function);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    private static void WriteApi(Utf8JsonWriter json, IReadOnlyList<FunctionDescription> authorizers)
    {
        json.WriteStartObject(ApiResource);
        json.WriteString("Type", "AWS::Serverless::Api");
        WriteTool(json);
        json.WriteStartObject("Properties");
        json.WriteString("StageName", StageName);
        if (authorizers.Count > 0)
        {
            json.WriteStartObject("Auth");
            json.WriteStartObject("Authorizers");
            foreach (var function in authorizers)
            {
                var authorizer = function.Authorizer!;
                json.WriteStartObject(authorizer.Name);
                json.WriteStartObject("FunctionArn");
                WriteList(json, "Fn::GetAtt", [function.ResourceName, "Arn"]);
                json.WriteEndObject();
                json.WriteStartObject("Identity");
                // SAM: a TOKEN authorizer names its Header; a REQUEST one lists Headers (Amazon.Lambda.Annotations writes
                // Header for both, which SAM refuses for REQUEST).
                if (authorizer.Type == RestApiAuthorizerType.Token) json.WriteString("Header", authorizer.IdentityHeader);
                else WriteList(json, "Headers", [authorizer.IdentityHeader]);
                json.WriteEndObject();
                json.WriteString("FunctionPayloadType", authorizer.Type == RestApiAuthorizerType.Token ? "TOKEN" : "REQUEST");
                json.WriteNumber("AuthorizerResultTtlInSeconds", authorizer.ResultTtlInSeconds);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteFunction(Utf8JsonWriter json, FunctionDescription function)
    {
        json.WriteStartObject(function.ResourceName);
        json.WriteString("Type", "AWS::Serverless::Function");
        json.WriteStartObject("Metadata");
        json.WriteString("Tool", Tool);
        if (function.Routes.Count > 0) WriteList(json, "SyncedEvents", function.Routes.Select(route => route.EventName));
        json.WriteEndObject();
        json.WriteStartObject("Properties");
        json.WriteString("Runtime", Runtime);
        WriteList(json, "Architectures", [Architecture]);
        json.WriteString("CodeUri", CodeUri);
        if (function.MemorySize is { } memory) json.WriteNumber("MemorySize", memory);
        if (function.Timeout is { } timeout) json.WriteNumber("Timeout", timeout);
        if (function.Policies.Count > 0) WritePolicies(json, function.Policies);
        json.WriteString("PackageType", "Zip");
        json.WriteString("Handler", Handler);
        json.WriteStartObject("Environment");
        json.WriteStartObject("Variables");
        json.WriteString(HandlerVariable, function.Handler);
        foreach (var (name, value) in function.Environment)
            json.WriteString(name, value);
        json.WriteEndObject();
        json.WriteEndObject();
        if (function.Routes.Count > 0)
        {
            json.WriteStartObject("Events");
            foreach (var route in function.Routes)
            {
                json.WriteStartObject(route.EventName);
                json.WriteString("Type", "Api");
                json.WriteStartObject("Properties");
                json.WriteString("Path", route.Path);
                json.WriteString("Method", route.Method.ToUpperInvariant());
                if (route.Authorizer is { } authorizer)
                {
                    json.WriteStartObject("Auth");
                    json.WriteString("Authorizer", authorizer);
                    json.WriteEndObject();
                }
                json.WriteStartObject("RestApiId");
                json.WriteString("Ref", ApiResource);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteTool(Utf8JsonWriter json)
    {
        json.WriteStartObject("Metadata");
        json.WriteString("Tool", Tool);
        json.WriteEndObject();
    }

    /// <summary>
    /// A policy the attributes name with '@' is a resource of the template that deploys (template.yaml's
    /// IngestTablesPolicy, ...), as Amazon.Lambda.Annotations writes it: <c>{"Ref": name}</c>. This file holds only
    /// the functions, so each such name is a parameter here: the policy's ARN, which is what a Ref to a managed policy gives.
    /// </summary>
    private static void WritePolicyParameters(Utf8JsonWriter json, IReadOnlyList<FunctionDescription> functions)
    {
        var references = functions.SelectMany(function => function.Policies).Where(IsReference).Distinct(StringComparer.Ordinal).ToList();
        if (references.Count == 0) return;
        json.WriteStartObject("Parameters");
        foreach (var reference in references)
        {
            json.WriteStartObject(reference[1..]);
            json.WriteString("Type", "String");
            json.WriteString("Description", $"The ARN of the managed policy {reference[1..]}, a resource of template.yaml.");
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static bool IsReference(string policy) => policy.StartsWith('@');

    private static void WritePolicies(Utf8JsonWriter json, IReadOnlyList<string> policies)
    {
        json.WriteStartArray("Policies");
        foreach (var policy in policies)
        {
            if (!IsReference(policy))
            {
                json.WriteStringValue(policy);
                continue;
            }
            json.WriteStartObject();
            json.WriteString("Ref", policy[1..]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteList(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
