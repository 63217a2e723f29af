using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Core.Ingesting;
using Dynamo.Core.Writing;
using Dynamo.IngestWork;
using Dynamo.Lambda.Events;

// Usage: Dynamo.IngestWork LABEL EVENT.json   (environment: WARMUP=50 BATCHES=7 PER_BATCH=20)
// Prints the process CPU per request (median over batches): event to answer, network excluded.
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: Dynamo.IngestWork LABEL EVENT.json");
    return 2;
}
var label = args[0];
var payload = File.ReadAllBytes(args[1]);
var warmup = Setting("WARMUP", 50);
var batches = Setting("BATCHES", 7);
var perBatch = Setting("PER_BATCH", 20);

var store = new BodyOnlyStore();
var ingestor = new RowIngestor(DatasetCatalog.Load(_ => null), new BatchWriter(store, TimeProvider.System, new BatchWriterOptions()));
var rows = 0;
for (var i = 0; i < warmup; i++) rows = await HandleAsync();

var process = Process.GetCurrentProcess();
var cpuPerRequest = new List<double>();
for (var b = 0; b < batches; b++)
{
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    for (var i = 0; i < perBatch; i++) await HandleAsync();
    process.Refresh();
    cpuPerRequest.Add((process.TotalProcessorTime - cpu).TotalMilliseconds / perBatch);
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{label,-4} {rows} rows, own work (event to answer, network excluded): CPU {Median(cpuPerRequest),5:0.0} ms/request " +
    $"(batches in order: {string.Join(" ", cpuPerRequest.Select(c => c.ToString("0.0", CultureInfo.InvariantCulture)))}); " +
    $"{batches}x{perBatch} measured after {warmup} warm-up"));
return 0;

// What the function does with one event, less the runtime API and the SDK's signing and HTTP.
async Task<int> HandleAsync()
{
    var request = JsonSerializer.Deserialize(payload, APIGatewayJsonContext.Default.APIGatewayProxyRequest)!;
    var body = Encoding.UTF8.GetBytes(request.Body ?? "");
    var now = DateTimeOffset.UtcNow;
    var call = new IngestCall(request.PathParameters!["dataset"], body, request.RequestContext!.RequestId!, now,
        new WriteBudget(now.AddSeconds(25), now.AddSeconds(28)));
    var outcome = await ingestor.IngestAsync(call);
    var reply = outcome.Reply ?? throw new InvalidOperationException($"Refused: {outcome.Refusal?.Body.Message}");
    if (reply.StatusCode != 200) throw new InvalidOperationException($"Expected 200, got {reply.StatusCode}");
    var answer = JsonSerializer.SerializeToUtf8Bytes(reply.Body, ContractsJsonContext.Default.IngestResponse);
    return reply.Body.Summary.Stored + (answer.Length > 0 ? 0 : 1);
}

static int Setting(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
