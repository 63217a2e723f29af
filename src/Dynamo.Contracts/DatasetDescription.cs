using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dynamo.Contracts;

/// <summary>One entry of <c>GET /datasets</c>.</summary>
public sealed record DatasetDescription
{
    public required string Name { get; init; }
    public required string Table { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PartitionKey { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SortKey { get; init; }
    /// <summary>
    /// The field that orders updates of one key (docs/datasets.md, "Versioned datasets"); absent when the last
    /// write wins.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VersionField { get; init; }
    public required JsonElement Schema { get; init; }
}

public sealed record DatasetList(IReadOnlyList<DatasetDescription> Datasets);

/// <summary>The body of <c>GET /health</c>.</summary>
public sealed record HealthResponse(string Status, string Store);
