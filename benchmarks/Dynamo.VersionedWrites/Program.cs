using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Dynamo.Local.Store;
using Dynamo.VersionedWrites;

// Usage: Dynamo.VersionedWrites [candidates|product] [--rows 5000] [--rounds 5] [--warmup 1] [--only NAME,...]
//                               [--endpoint URL] [--json] [--json-out FILE]
// Starts one DynamoDB Local in memory (unless --endpoint names a running DynamoDB) and, in rounds, has each candidate
// write ROWS rows into a fresh table in four phases: new keys (version 2), the same keys updated (version 3), the
// same keys stale (version 1), and updates (version 4) with 1 stale row in 100. After each phase the table is
// scanned and compared, item by item, with what the semantics leave. Prints the median wall time of each phase, its ratio to the BatchWriteItem baseline, and the
// calls and write units (by AWS's rules) each phase took; --json prints the same as JSON instead.
var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: Dynamo.VersionedWrites [candidates|product] [--rows N] [--rounds N] [--warmup N] [--only NAME,...] [--endpoint URL] [--json] [--json-out FILE]");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; cancel.Cancel(); });

DynamoDbLocal? local = null;
try
{
    Uri endpoint;
    if (options.Endpoint is { } given)
    {
        endpoint = given;
    }
    else
    {
        // C2 on (SteadyStateJit): a benchmark measures the store at its steady speed, not its start.
        local = await DynamoDbLocal.StartAsync(new DynamoDbLocalOptions
        {
            InstallDirectory = DynamoDbLocalOptions.DefaultInstallDirectory(RepositoryRoot.Find()),
            SteadyStateJit = true,
        }, cancel.Token);
        endpoint = local.Endpoint;
    }
    Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    if (options.Product) return await ProductRequests.RunAsync(endpoint, options, Console.Out, cancel.Token);
    using var store = new AmazonDynamoDBClient(new BasicAWSCredentials("dummy", "dummy"),
        new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 3 });
    var bench = new Bench(store, options, Console.Error);
    var report = await bench.RunAsync(cancel.Token);
    if (options.Json) report.WriteJson(Console.OpenStandardOutput());
    else report.WriteTable(Console.Out);
    if (options.JsonOut is { } path)
    {
        await using var file = File.Create(path);
        report.WriteJson(file);
    }
    return report.Failures.Count == 0 ? 0 : 1;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
finally
{
    // The java never outlives this process anyway (OwnedProcess); stopping it here is the orderly way.
    if (local is not null) await local.DisposeAsync();
}

namespace Dynamo.VersionedWrites
{
    /// <param name="Product">The <c>product</c> mode: the product's own requests (<see cref="ProductRequests"/>), not the candidates.</param>
    internal sealed record Options(int Rows, int Rounds, int Warmup, IReadOnlyList<string>? Only, Uri? Endpoint, bool Json, string? JsonOut, bool Product = false)
    {
        public static Options? Parse(string[] args)
        {
            int rows = 5_000, rounds = 5, warmup = 1;
            IReadOnlyList<string>? only = null;
            Uri? endpoint = null;
            var json = false;
            string? jsonOut = null;
            var i = 0;
            var product = args.Length > 0 && args[0] == "product";
            if (args.Length > 0 && args[0] is "candidates" or "product") i++;
            for (; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--rows": rows = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--warmup": warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--only": only = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                    case "--endpoint": endpoint = new Uri(Next()); break;
                    case "--json": json = true; break;
                    case "--json-out": jsonOut = Next(); break;
                    default: return null;
                }
            }
            return rows > 0 && rounds > 0 && warmup >= 0 ? new Options(rows, rounds, warmup, only, endpoint, json, jsonOut, product) : null;
        }
    }

    /// <summary>A phase: the version row i carries in it.</summary>
    internal sealed record Phase(string Name, string What, Func<int, long> VersionOf);

    internal sealed class Bench(IAmazonDynamoDB store, Options options, TextWriter log)
    {
        public static readonly Phase[] Phases =
        [
            new("new", "empty table, every key new (version 2)", _ => 2),
            new("update", "the same keys, a higher version (3)", _ => 3),
            new("stale", "the same keys, a lower version (1)", _ => 1),
            // One late resend in a hundred among fresh updates: what one failed condition costs a batch that
            // settles together (a transaction of 100 is cancelled whole and sent again without it).
            new("mixed", "the same keys at version 4, but 1 row in 100 at version 2 (stale)", i => i % 100 == 37 ? 2 : 4),
        ];

        public async Task<Report> RunAsync(CancellationToken cancellationToken)
        {
            var candidates = Candidate.All.Where(c => options.Only is null || options.Only.Contains(c.Name)).ToList();
            if (candidates.Count == 0) throw new ArgumentException("--only names no candidate: " + string.Join(", ", Candidate.All.Select(c => c.Name)));
            var rows = Phases.ToDictionary(p => p.Name, p => OrderRows.Make(options.Rows, p.VersionOf));
            var report = new Report(options, candidates, rows["new"].Average(r => r.SizeBytes), rows["new"].Max(r => r.SizeBytes), rows["update"].Average(r => r.SizeBytes));
            log.WriteLine($"{options.Rows} rows a phase, items {report.MeanItemBytes:0} bytes on average (max {report.MaxItemBytes}); {options.Warmup} warm-up round(s), {options.Rounds} measured; load average {Report.LoadAverage()}");

            var total = options.Warmup + options.Rounds;
            for (var round = 0; round < total; round++)
            {
                var measured = round >= options.Warmup;
                // Each round starts with another candidate, so none always runs first (or last) on a warming store.
                for (var k = 0; k < candidates.Count; k++)
                {
                    var candidate = candidates[(k + round) % candidates.Count];
                    var table = string.Create(CultureInfo.InvariantCulture, $"vw-{round}-{candidate.Name}");
                    await CreateTableAsync(table, cancellationToken);
                    try
                    {
                        var line = new List<string>();
                        var standing = new Row?[options.Rows];
                        foreach (var phase in Phases)
                        {
                            var phaseRows = rows[phase.Name];
                            var tally = new Tally();
                            var started = Stopwatch.GetTimestamp();
                            await candidate.WriteAsync(store, table, phaseRows, tally, cancellationToken);
                            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

                            // What the semantics leave: a conditional candidate keeps the highest version of a key and
                            // calls a lower one stale; the baseline overwrites whatever it is given.
                            long written = 0, stale = 0;
                            for (var i = 0; i < phaseRows.Length; i++)
                            {
                                if (!candidate.Conditional || standing[i] is not { } current || current.Version < phaseRows[i].Version)
                                {
                                    standing[i] = phaseRows[i];
                                    written++;
                                }
                                else
                                {
                                    stale++;
                                }
                            }
                            var problem = await Verify.TableAsync(store, table, standing.Select(r => r!).ToList(), cancellationToken);
                            if (tally.Written != written || tally.Stale != stale || tally.Conflicts != 0 || tally.AlreadyStored != 0)
                                problem = (problem is null ? "" : problem + "; ") + $"written {tally.Written}, stale {tally.Stale}, conflicts {tally.Conflicts}, already stored {tally.AlreadyStored}; expected written {written}, stale {stale}";
                            if (problem is not null) report.Failures.Add($"round {round}, {candidate.Name}, {phase.Name}: {problem}");
                            if (measured) report.Add(candidate, phase, ms, tally);
                            line.Add(string.Create(CultureInfo.InvariantCulture, $"{phase.Name} {ms:0} ms{(problem is null ? "" : " FAILED")}"));
                        }
                        log.WriteLine($"{(measured ? "round " + (round - options.Warmup + 1) : "warm-up")}: {candidate.Name,-12} {string.Join(", ", line)}");
                    }
                    finally
                    {
                        await store.DeleteTableAsync(table, CancellationToken.None);
                    }
                }
            }
            report.LoadAverageAfter = Report.LoadAverage();
            foreach (var failure in report.Failures) log.WriteLine("FAILED " + failure);
            return report;
        }

        private async Task CreateTableAsync(string table, CancellationToken cancellationToken)
        {
            await store.CreateTableAsync(new CreateTableRequest
            {
                TableName = table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                KeySchema = [new KeySchemaElement(OrderRows.Key, KeyType.HASH)],
                AttributeDefinitions = [new AttributeDefinition(OrderRows.Key, ScalarAttributeType.S)],
            }, cancellationToken);
            // DynamoDB Local creates tables ACTIVE; a real endpoint takes a moment.
            while ((await store.DescribeTableAsync(table, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)
                await Task.Delay(500, cancellationToken);
        }
    }
}
