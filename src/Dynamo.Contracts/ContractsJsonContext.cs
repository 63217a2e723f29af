using System.Text.Json.Serialization;

namespace Dynamo.Contracts;

/// <summary>The one serializer context of the wire types: camelCase, source-generated (trim- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IngestRequest))]
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(DatasetList))]
[JsonSerializable(typeof(HealthResponse))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
