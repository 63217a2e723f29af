using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dynamo.Local;

/// <summary>
/// Where the running local stack answers, as <c>.dynamo/local.json</c> holds it for the other verbs: the API's base
/// URL (with the stage), the stack's DynamoDB (the write-capacity emulation, which throttles as DynamoDB does), and
/// DynamoDB Local itself behind it, for tools that must bypass the emulation (docs/local-stack.md, Endpoints), and the
/// API keys the stack created (template.yaml's AWS::ApiGateway::ApiKey resources; none unless RequireApiKey).
/// </summary>
public sealed record LocalEndpoints(Uri Api, Uri DynamoDb, Uri DynamoDbLocal)
{
    public IReadOnlyList<LocalApiKey> ApiKeys { get; init; } = [];

    /// <summary>The local console (http://127.0.0.1:PORT/_console/), null when the stack serves none; `dynamo cost` reads its api/usage.</summary>
    public Uri? Console { get; init; }

    /// <summary>
    /// The key a verb sends when given none: the only key, else the default client's (template.yaml's DefaultApiKey);
    /// null when the stack has no key or several and no default.
    /// </summary>
    public LocalApiKey? DefaultApiKey => ApiKeys switch
    {
        [var only] => only,
        _ => ApiKeys.FirstOrDefault(key => key.LogicalId == "DefaultApiKey"),
    };

    // The keys by value, not by list instance: a file read back equals the stack that wrote it.
    public bool Equals(LocalEndpoints? other) =>
        other is not null && Api == other.Api && DynamoDb == other.DynamoDb && DynamoDbLocal == other.DynamoDbLocal
        && ApiKeys.SequenceEqual(other.ApiKeys) && Console == other.Console;

    public override int GetHashCode() => HashCode.Combine(Api, DynamoDb, DynamoDbLocal, ApiKeys.Count);

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
[JsonSerializable(typeof(LocalApiKey))]
internal sealed partial class LocalEndpointsJsonContext : JsonSerializerContext;
