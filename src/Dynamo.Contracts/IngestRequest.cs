using System.Text.Json;

namespace Dynamo.Contracts;

/// <summary>The body of <c>POST /datasets/{dataset}/rows</c>: 1..5,000 JSON objects.</summary>
public sealed record IngestRequest(IReadOnlyList<JsonElement> Rows);
