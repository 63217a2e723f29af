using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Lambda.APIGatewayEvents;
using Dynamo.Core.Datasets;
using Dynamo.Core.Rows;
using Dynamo.Core.Writing;
using Dynamo.Core.Writing.Wire;

// Usage: Dynamo.IngestWork LABEL EVENT.json   (environment: WARMUP=50 REQUESTS=200)
// The ingest function's own CPU for one request, network excluded, stage by stage on one thread:
//   event:   the proxy event to the body's bytes (the runtime's deserialization and the body binding);
//   prepare: parse, validate, convert (RowPreparer.Prepare, as RowIngestor calls it);
//   bodies:  every BatchWriteItem body the writer hands to the SDK (WireBatchWriteItemRequest.Body, 25 items each).
// Signing and HTTP are the network's, and the SDK's. Prints the median per request of each stage and of
// prepare + bodies, the measure.
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: Dynamo.IngestWork LABEL EVENT.json");
    return 2;
}
var label = args[0];
var payload = File.ReadAllBytes(args[1]);
var warmup = Setting("WARMUP", 50);
var requests = Setting("REQUESTS", 200);
var catalog = DatasetCatalog.Load("");

var stages = new Dictionary<string, List<double>> { ["event"] = [], ["prepare"] = [], ["bodies"] = [], ["prepare+bodies"] = [] };
var rows = 0;
for (var i = 0; i < warmup + requests; i++)
{
    var start = Cpu();
    var request = JsonSerializer.Deserialize(payload, EventJson.Default.APIGatewayProxyRequest)!;
    var body = Encoding.UTF8.GetBytes(request.Body ?? "");
    var decoded = Cpu();
    var dataset = catalog.All.Single(d => d.Name == request.PathParameters!["dataset"]);
    using var prepared = RowPreparer.Prepare(dataset, body, request.RequestContext!.RequestId!, DateTimeOffset.UtcNow);
    var ready = Cpu();
    var items = prepared.ItemsToWrite.Select(r => r.Item).ToArray();
    foreach (var batch in items.Chunk(BatchWriter.MaxBatchSize)) new WireBatchWriteItemRequest(dataset.Table, batch).Body();
    var built = Cpu();
    rows = items.Length;
    if (i < warmup) continue;
    stages["event"].Add(decoded - start);
    stages["prepare"].Add(ready - decoded);
    stages["bodies"].Add(built - ready);
    stages["prepare+bodies"].Add(built - decoded);
}
var figures = string.Join(", ", stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {Median(s.Value):0.0}")));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{label,-4} {rows} rows, CPU ms/request (median of {requests} after {warmup} warm-up): {figures}"));
return 0;

// The process's user + system time: one thread works here, and a collection it triggers runs on it too.
static double Cpu() => Environment.CpuUsage.TotalTime.TotalMilliseconds;

static int Setting(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

// The proxy event as the function's serializer reads it (camelCase, source-generated).
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
internal sealed partial class EventJson : JsonSerializerContext;
