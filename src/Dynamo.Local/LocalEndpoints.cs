using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dynamo.Local;

/// <summary>
/// Where the running local stack answers, as <c>.dynamo/local.json</c> holds it for the other verbs: the API's base
/// URL (with the stage), the stack's DynamoDB (the write-capacity emulation, which throttles as DynamoDB does), and
/// DynamoDB Local itself behind it, for tools that must bypass the emulation (docs/local-stack.md, Endpoints).
/// </summary>
public sealed record LocalEndpoints(Uri Api, Uri DynamoDb, Uri DynamoDbLocal)
{
    public static string DefaultPath(string repositoryRoot) => Path.Combine(repositoryRoot, ".dynamo", "local.json");

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, LocalEndpointsJsonContext.Default.LocalEndpoints));
    }

    /// <summary>The endpoints of the running stack, or null when none was written.</summary>
    public static LocalEndpoints? Read(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), LocalEndpointsJsonContext.Default.LocalEndpoints) : null;
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(LocalEndpoints))]
internal sealed partial class LocalEndpointsJsonContext : JsonSerializerContext;
