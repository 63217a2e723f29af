using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dynamo.Core.Datasets;

/// <summary>One file of Datasets/Declarations: <c>{ "name", "partitionKey"?, "sortKey"?, "versionField"?, "schema" }</c>.</summary>
public sealed record DatasetDeclaration
{
    public required string Name { get; init; }
    public string? PartitionKey { get; init; }
    public string? SortKey { get; init; }
    /// <summary>A field that orders the updates of one key: a row older than the stored item is not written.</summary>
    public string? VersionField { get; init; }
    public required JsonElement Schema { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(DatasetDeclaration))]
internal sealed partial class DatasetsJsonContext : JsonSerializerContext;
