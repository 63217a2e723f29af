// dotnet run -c Release --project benchmarks/Dynamo.LoadGenerator -- [RATE=2500] [SECONDS=10] [ROWS=1]
// Offers RATE requests/s of ROWS rows each for SECONDS to an in-process API that answers 200 at once, through the
// same LoadRun as `dynamo load` (client, resend logic, measurement), and prints what the generator sustained.
using System.Globalization;
using Dynamo.Load;
using Dynamo.Load.Scenarios;
using Dynamo.Testing;

var rate = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 2500;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var rows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;

await using var api = await InstantApi.StartAsync();
var report = await new LoadRun(new LoadOptions
{
    Api = api.Url,
    Dataset = "orders",
    Scenario = Scenario.Steady,
    Rate = rate,
    Duration = TimeSpan.FromSeconds(seconds),
    RowsPerRequest = rows,
    SkipReadBack = true,
}, dynamo: null, Console.Error, TimeProvider.System).RunAsync(CancellationToken.None);

var scheduled = report.Windows.Take(seconds).ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    offered {rate:0} requests/s x {seconds} s, {rows} row(s) a request, on {Environment.ProcessorCount} cores
    requests sent: {report.Requests:N0} ({report.Requests / (double)seconds:0} /s over the schedule); answered by the API: {api.Posts:N0}
    sent per second: min {scheduled.Min(w => w.RequestsRps)}, median {scheduled.Select(w => w.RequestsRps).Order().ElementAt(scheduled.Count / 2)}, max {scheduled.Max(w => w.RequestsRps)}
    late starts (>= 10 ms behind schedule): {report.LateStarts:N0} of {report.OfferedRequests:N0}; start lag p50 {report.StartLagMs.P50} ms, p99 {report.StartLagMs.P99} ms, max {report.StartLagMs.Max} ms
    latency p50 {report.LatencyMs.P50} ms, p99 {report.LatencyMs.P99} ms; status {string.Join(", ", report.Status.Select(s => $"{s.Key}: {s.Value}"))}
    """));
