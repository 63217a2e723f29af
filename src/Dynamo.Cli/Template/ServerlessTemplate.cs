using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dynamo.Lambda.Annotations;
using Dynamo.Lambda.Annotations.Manifest;

namespace Dynamo.Cli.Template;

/// <summary>
/// <c>serverless.template</c>: the functions as CloudFormation JSON (SAM transform), written from the
/// descriptions the generator derives from the attributes. Every function runs the one Native AOT
/// <c>bootstrap</c> of <c>artifacts/functions.zip</c>, which picks its code by Handler.
/// </summary>
internal static class ServerlessTemplate
{
    public const string FileName = "serverless.template";
    public const string ApiResource = "Api";
    public const string Runtime = "provided.al2023";
    public const string Architecture = "x86_64";
    public const string CodeUri = "artifacts/functions.zip";
    public const string StageName = "dev";

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
            json.WriteStartObject("Resources");
            if (functions.Any(function => function.Routes.Count > 0))
                WriteApi(json, functions.FirstOrDefault(function => function.Authorizer is not null));
            foreach (var function in functions)
                WriteFunction(json, function);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    private static void WriteApi(Utf8JsonWriter json, FunctionDescription? authorizerFunction)
    {
        json.WriteStartObject(ApiResource);
        json.WriteString("Type", "AWS::Serverless::Api");
        json.WriteStartObject("Properties");
        json.WriteString("StageName", StageName);
        if (authorizerFunction?.Authorizer is { } authorizer)
        {
            json.WriteStartObject("Auth");
            json.WriteString("DefaultAuthorizer", authorizer.Name);
            json.WriteStartObject("Authorizers");
            json.WriteStartObject(authorizer.Name);
            json.WriteString("FunctionPayloadType", authorizer.Type == RestApiAuthorizerType.Token ? "TOKEN" : "REQUEST");
            json.WriteStartObject("FunctionArn");
            json.WriteStartArray("Fn::GetAtt");
            json.WriteStringValue(authorizerFunction.ResourceName);
            json.WriteStringValue("Arn");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("Identity");
            if (authorizer.Type == RestApiAuthorizerType.Token)
            {
                json.WriteString("Header", authorizer.IdentityHeader ?? "Authorization");
            }
            else
            {
                if (authorizer.IdentityHeader is { } header) WriteList(json, "Headers", [header]);
                if (authorizer.IdentityContext is { } context) WriteList(json, "Context", [context]);
            }
            json.WriteNumber("ReauthorizeEvery", authorizer.ResultTtlInSeconds);
            json.WriteEndObject();
            json.WriteEndObject();
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
        json.WriteStartObject("Properties");
        json.WriteString("Handler", function.Handler);
        json.WriteString("Runtime", Runtime);
        WriteList(json, "Architectures", [Architecture]);
        json.WriteString("CodeUri", CodeUri);
        if (function.MemorySize is { } memory) json.WriteNumber("MemorySize", memory);
        if (function.Timeout is { } timeout) json.WriteNumber("Timeout", timeout);
        if (function.Environment.Count > 0)
        {
            json.WriteStartObject("Environment");
            json.WriteStartObject("Variables");
            foreach (var (name, value) in function.Environment)
                json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        if (function.Policies.Count > 0) WriteList(json, "Policies", function.Policies);
        if (function.Routes.Count > 0)
        {
            json.WriteStartObject("Events");
            foreach (var route in function.Routes)
            {
                json.WriteStartObject(route.EventName);
                json.WriteString("Type", "Api");
                json.WriteStartObject("Properties");
                json.WriteStartObject("RestApiId");
                json.WriteString("Ref", ApiResource);
                json.WriteEndObject();
                json.WriteString("Path", route.Path);
                json.WriteString("Method", route.Method);
                if (route.Authorizer is { } authorizer)
                {
                    json.WriteStartObject("Auth");
                    json.WriteString("Authorizer", authorizer);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
