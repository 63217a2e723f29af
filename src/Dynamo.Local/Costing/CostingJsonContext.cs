using System.Text.Json.Serialization;

namespace Dynamo.Local.Costing;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(Usage))]
[JsonSerializable(typeof(CostReport))]
public sealed partial class CostingJsonContext : JsonSerializerContext;

/// <summary><c>dynamo cost --json</c>: the measured quantities, the prices and their date, and the bill.</summary>
public sealed record CostReport(string PricesAsOf, Prices Prices, Usage Usage, Bill Bill);
