using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dynamo.Contracts;
using Dynamo.IngestCpu;
using Dynamo.Local.Gateway.Events;
using Dynamo.Local.Workers;

// Usage: Dynamo.IngestCpu LABEL COMMAND [ARGS...]   (environment: ROWS, WARMUP, BATCHES, PER_BATCH)
// Runs COMMAND as the ingest function, sends WARMUP requests then BATCHES x PER_BATCH measured ones, and
// prints the function process's CPU per request: the median over batches, and each batch's figure.
// Or: Dynamo.IngestCpu event FILE   writes the measured event (ROWS orders) for Dynamo.IngestWork.
if (args is ["event", var eventFile])
{
    File.WriteAllBytes(eventFile, IngestEvent.WithOrders(Setting("ROWS", 5_000)));
    return 0;
}
if (args.Length < 2)
{
    Console.Error.WriteLine("Usage: Dynamo.IngestCpu LABEL COMMAND [ARGS...] | event FILE");
    return 2;
}
var label = args[0];
var rows = Setting("ROWS", 5_000);
var warmup = Setting("WARMUP", 5);
var batches = Setting("BATCHES", 5);
var perBatch = Setting("PER_BATCH", 20);

await using var store = await InstantDynamoDb.StartAsync();
await using var runtime = await RuntimeApiServer.StartAsync();
await using var function = FunctionProcess.Start(args[1..], new Dictionary<string, string>
{
    ["AWS_LAMBDA_RUNTIME_API"] = runtime.RuntimeApi,
    ["_HANDLER"] = "bootstrap",
    ["ANNOTATIONS_HANDLER"] = "PostRows",
    ["AWS_LAMBDA_FUNCTION_NAME"] = "ingest",
    ["AWS_REGION"] = "us-east-1",
    ["AWS_EC2_METADATA_DISABLED"] = "true",
    ["DYNAMODB_ENDPOINT"] = store.Endpoint.ToString(),
    // Under valgrind a request runs about 50 times slower: the write deadline must not cut it.
    ["INTEGRATION_TIMEOUT_MS"] = Setting("INTEGRATION_TIMEOUT_MS", 29_000).ToString(CultureInfo.InvariantCulture),
});
var payload = IngestEvent.WithOrders(rows);

for (var i = 0; i < warmup; i++) await InvokeAsync();
var callsBefore = store.Calls;
var cpuPerRequest = new List<double>();
var wallPerRequest = new List<double>();
for (var b = 0; b < batches; b++)
{
    var cpu = function.CpuTime;
    var wall = Stopwatch.StartNew();
    for (var i = 0; i < perBatch; i++) await InvokeAsync();
    wallPerRequest.Add(wall.Elapsed.TotalMilliseconds / perBatch);
    cpuPerRequest.Add((function.CpuTime - cpu).TotalMilliseconds / perBatch);
}
var callsPerRequest = (double)(store.Calls - callsBefore) / (batches * perBatch);

// Batches in order: a JIT build keeps getting faster while tiered compilation recompiles hot methods.
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{label,-4} {rows} rows: CPU {Median(cpuPerRequest),6:0.0} ms/request (batches in order: {string.Join(" ", cpuPerRequest.Select(c => c.ToString("0.0", CultureInfo.InvariantCulture)))}); " +
    $"wall {Median(wallPerRequest),6:0.0} ms; {callsPerRequest:0} BatchWriteItem calls/request on {store.Connections} connections; peak RSS {function.PeakRssMegabytes:0} MB; {batches}x{perBatch} measured after {warmup} warm-up"));
return 0;

async Task InvokeAsync()
{
    var invocation = runtime.InvokeAsync(payload, DateTimeOffset.UtcNow.AddMilliseconds(Setting("INTEGRATION_TIMEOUT_MS", 29_000) + 31_000));
    if (await Task.WhenAny(invocation, function.Exited) == function.Exited)
        throw new InvalidOperationException($"The function process exited with code {await function.Exited} before it answered (its output is above).");
    var result = await invocation;
    if (result.Error is { } error) throw new InvalidOperationException($"The function failed: {error.ErrorType}: {error.ErrorMessage}");
    var response = JsonSerializer.Deserialize(result.Response.Span, APIGatewayJsonContext.Default.APIGatewayProxyResponse)!;
    var reply = response.StatusCode == 200 ? JsonSerializer.Deserialize(response.Body!, ContractsJsonContext.Default.IngestResponse) : null;
    if (reply?.Summary.Stored != rows)
        throw new InvalidOperationException($"Expected all {rows} rows stored, got {response.StatusCode}: {response.Body}");
}

static int Setting(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
