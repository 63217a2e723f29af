using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Dynamo.Core.Writing;

// Usage: Dynamo.GatewayBench API_URL DYNAMODB_URL [ROWS=5000] [RUNS=5] [WARMUP=3]
// Alternates a POST of ROWS orders through the stack with the floor (the same rows, BatchWriteItem of 25 with the
// function's parallelism, straight to DynamoDB Local), so load changes on the machine hit both alike.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Dynamo.GatewayBench API_URL DYNAMODB_URL [ROWS] [RUNS] [WARMUP]");
    return 2;
}
var api = new Uri(args[0].TrimEnd('/') + "/");
var rows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5000;
var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
// Both paths keep speeding up for a few runs (tiered JIT in the worker, C1 in DynamoDB Local): warm them first.
var warmup = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
var parallelism = new BatchWriterOptions().MaxParallelism;

using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromMinutes(2) };
using var store = new AmazonDynamoDBClient(new BasicAWSCredentials("dummy", "dummy"),
    new AmazonDynamoDBConfig { ServiceURL = args[1], AuthenticationRegion = "us-east-1" });

var posts = new List<double>();
var floors = new List<double>();
for (var run = -warmup; run < runs; run++) // negative runs warm both paths (JIT, connections, workers)
{
    var post = await PostAsync(http, $"bench-{Guid.NewGuid():N}"[..20], rows);
    var floor = await OrdersFloor.WriteAsync(store, $"floor-{Guid.NewGuid():N}"[..20], rows, parallelism);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(run < 0 ? "warm-up" : $"run {run + 1}"),-8} POST {post,8:0.0} ms   floor {floor,8:0.0} ms"));
    if (run >= 0)
    {
        posts.Add(post);
        floors.Add(floor);
    }
}

var postMedian = Median(posts);
var floorMedian = Median(floors);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median of {runs}: POST {postMedian:0.0} ms, floor {floorMedian:0.0} ms, ratio {postMedian / floorMedian:0.00}x (target <= 1.25x)"));
return 0;

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Order(string prefix, int i) => string.Create(CultureInfo.InvariantCulture,
    $$"""{"orderId":"{{prefix}}-{{i}}","customer":"c-{{i % 97}}","amount":{{i}}.5,"currency":"EUR","status":"paid","createdAt":"2026-03-14T15:09:26Z"}""");

static async Task<double> PostAsync(HttpClient http, string prefix, int rows)
{
    var body = new StringBuilder("""{"rows":[""");
    for (var i = 0; i < rows; i++) body.Append(i > 0 ? "," : "").Append(Order(prefix, i));
    using var content = new StringContent(body.Append("]}").ToString(), Encoding.UTF8, "application/json");
    var started = Stopwatch.GetTimestamp();
    using var response = await http.PostAsync("datasets/orders/rows", content);
    await response.Content.ReadAsByteArrayAsync();
    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    if (response.StatusCode != HttpStatusCode.OK)
        throw new InvalidOperationException($"POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    return elapsed;
}

