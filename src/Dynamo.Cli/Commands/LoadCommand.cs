using System.CommandLine;
using System.Globalization;
using Dynamo.Cli.Commands.Parsing;
using Dynamo.Cli.Querying;
using Dynamo.Cli.Sending;
using Dynamo.Client;
using Dynamo.Load;
using Dynamo.Load.Measuring;
using Dynamo.Load.Reporting;
using Dynamo.Load.Scenarios;
using Dynamo.Local;
using Dynamo.Local.Store;

namespace Dynamo.Cli.Commands;

/// <summary>
/// `dynamo load`: open-model load on one dataset, then the read-back of every row, report.json and report.html.
/// The engine is <see cref="LoadRun"/> (src/Dynamo.Load); this verb turns options into <see cref="LoadOptions"/>,
/// finds the API and DynamoDB, writes the report and prints the summary.
/// </summary>
internal static class LoadCommand
{
    /// <summary>The shipped dataset that is updated in place: the updates scenario's default.</summary>
    private const string UpdatesDataset = "inventory";

    public static Command Create()
    {
        var dataset = new Option<string?>("--dataset") { Description = $"The dataset to load (--scenario updates: default {UpdatesDataset})", HelpName = "NAME" };
        var rate = new Option<double>("--rate") { Description = "Requests per second (where a ramp or the steps start)", HelpName = "R", Required = true };
        var rampTo = new Option<double?>("--ramp-to") { Description = "Where a ramp or the steps end, the top of a spike (requests per second)", HelpName = "R2" };
        var duration = SharedOptions.Duration("--duration", "How long requests are offered");
        duration.Required = true;
        var rows = new Option<int>("--rows") { Description = "Fresh rows in every request (1..5000)", HelpName = "N", Required = true };
        var report = new Option<DirectoryInfo>("--report") { Description = "Directory for report.json and report.html", HelpName = "DIR", DefaultValueFactory = _ => new DirectoryInfo("load-report") };
        var url = SharedOptions.ApiUrl();
        var endpoint = SharedOptions.Endpoint();
        var cleanup = new Option<bool>("--cleanup") { Description = "Delete the run's rows after the read-back" };
        var scenario = new Option<string?>("--scenario")
        {
            Description = "Shape of the offered rate (default: ramp with --ramp-to, else steady); updates: steady, senders updating the same keys of a versioned dataset out of order",
            HelpName = "steady|ramp|spike|step|updates",
        };
        scenario.AcceptOnlyFromAmong("steady", "ramp", "spike", "step", "updates");
        var seed = new Option<long?>("--seed") { Description = "Seed of the row values (default: random, written in the report)", HelpName = "S" };
        var hotKeys = new Option<int>("--hot-keys") { Description = "Put all rows on K partition key values, to find hot-partition throttling (needs a sort key)", HelpName = "K" };
        var apiKeys = SharedOptions.ApiKeys();
        var drain = SharedOptions.Duration("--drain", "How long resends may go on after the last request was due (default 2m)");
        drain.DefaultValueFactory = _ => TimeSpan.FromMinutes(2);

        rate.Validators.Add(r => { if (r.GetValueOrDefault<double>() is not > 0) r.AddError("--rate takes a number of requests per second above 0."); });
        rampTo.Validators.Add(r => { if (r.GetValueOrDefault<double?>() is <= 0) r.AddError("--ramp-to takes a number of requests per second above 0."); });
        rows.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > SendOptions.ApiMaxRowsPerRequest) r.AddError("--rows takes a whole number of rows, 1 to 5000."); });
        hotKeys.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--hot-keys takes a whole number of keys, 1 or more."); });
        duration.Validators.Add(r => { if (r.GetValueOrDefault<TimeSpan>() < TimeSpan.FromSeconds(1)) r.AddError("--duration must be 1s or longer."); });

        var command = new Command("load", "Offer load to a dataset (open model), read every row back, and write report.json and report.html")
        {
            dataset, rate, rampTo, duration, rows, report, url, endpoint, cleanup, scenario, seed, hotKeys, drain, apiKeys,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var shape = result.GetValue(scenario) is { } name
                ? Enum.Parse<Scenario>(name, ignoreCase: true)
                : result.GetValue(rampTo) is null ? Scenario.Steady : Scenario.Ramp;
            if (shape == Scenario.Steady && result.GetValue(rampTo) is not null)
                throw new UsageException("--ramp-to needs --scenario ramp, step or spike.");
            if (shape is Scenario.Ramp or Scenario.Step && result.GetValue(rampTo) is null)
                throw new UsageException($"--scenario {shape.ToString().ToLowerInvariant()} needs --ramp-to R2.");
            if (shape == Scenario.Updates && result.GetValue(rampTo) is not null)
                throw new UsageException("--ramp-to does not go with --scenario updates (its rate is steady): leave it out.");
            if (shape == Scenario.Updates && result.GetValue(hotKeys) > 0)
                throw new UsageException("--hot-keys does not go with --scenario updates: every key is in several requests already.");
            var datasetName = result.GetValue(dataset) ?? (shape == Scenario.Updates ? UpdatesDataset
                : throw new UsageException("--dataset NAME is required (only --scenario updates has a default, inventory)."));
            var api = ApiTarget.Resolve(result.GetValue(url));
            var options = new LoadOptions
            {
                Api = api,
                Dataset = datasetName,
                Scenario = shape,
                Rate = result.GetValue(rate),
                RampTo = result.GetValue(rampTo),
                Duration = result.GetValue(duration),
                RowsPerRequest = result.GetValue(rows),
                HotKeys = result.GetValue(hotKeys),
                Seed = result.GetValue(seed) ?? Random.Shared.NextInt64(1, 1_000_000),
                Drain = result.GetValue(drain),
                Cleanup = result.GetValue(cleanup),
            };
            var given = result.GetValue(apiKeys)!;
            if (given.Count != given.Distinct(StringComparer.Ordinal).Count())
                throw new UsageException("--api-key names one key twice: each client needs a key of its own.");
            IReadOnlyList<string?> keys = given.Count > 0 ? [.. given] : [ApiTarget.ApiKey(null, api)];
            var runs = keys.Select((key, i) => options with { ApiKey = key, Client = ClientName(key, api), Seed = options.Seed + i }).ToList();
            var target = DynamoDbTarget.Resolve(result.GetValue(endpoint));
            var directory = result.GetValue(report)!;
            return runs.Count == 1
                ? RunAsync(runs[0], target, directory, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken)
                : RunClientsAsync(runs, target, directory, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>The local stack's name of the key (its logical id in template.yaml), else the start of its value, never all of it.</summary>
    private static string? ClientName(string? key, Uri api)
    {
        if (key is null) return null;
        var local = Local.LocalStackFiles.FindRunning();
        var known = local is not null && string.Equals(local.Api.AbsoluteUri.TrimEnd('/'), api.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            ? local.ApiKeys.FirstOrDefault(k => k.Value == key)
            : null;
        return known?.LogicalId ?? (key.Length > 8 ? key[..4] + "…" : "key");
    }

    /// <summary>
    /// Several clients at once, one per --api-key, each its own run (its rows, its read-back) with a report in a folder of
    /// its own (DIR/client-1, ...), then one line per client: offered, admitted, and the 429s by limit.
    /// </summary>
    private static async Task<int> RunClientsAsync(List<LoadOptions> runs, DynamoDbTarget target, DirectoryInfo directory,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var reports = new LoadReport?[runs.Count];
        var results = await Task.WhenAll(runs.Select((run, i) =>
        {
            var folder = new DirectoryInfo(Path.Combine(directory.FullName, $"client-{i + 1}"));
            var prefix = $"[{run.Client}] ";
            return Task.Run(() => RunAsync(run, target, folder, new PrefixedWriter(output, prefix), new PrefixedWriter(error, prefix),
                report => reports[i] = report, cancellationToken), CancellationToken.None);
        }));
        output.WriteLine($"Clients ({runs.Count}, each offered --rate on its own key):");
        for (var i = 0; i < runs.Count; i++)
            output.WriteLine($"  {runs[i].Client}: {(reports[i] is { } report ? ClientLine(report) : "no report (its run failed; see above)")}");
        return results.All(code => code == ExitCodes.Success) ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>"offered 600, admitted 200, 429 by plan rate 380, by quota 0, by stage 20": what one key's client met.</summary>
    private static string ClientLine(LoadReport report)
    {
        var refused = report.Refused429;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"offered {report.OfferedRequests:N0}, admitted {report.AdmittedRequests:N0}, 429 by plan rate {refused.GetValueOrDefault(GatewayRefusal.PlanRate):N0}, by quota {refused.GetValueOrDefault(GatewayRefusal.Quota):N0}, by stage {refused.GetValueOrDefault(GatewayRefusal.Stage):N0}");
        return refused.GetValueOrDefault(GatewayRefusal.PlanRateOrStage) is > 0 and var either
            ? line + string.Create(CultureInfo.InvariantCulture, $", by plan rate or stage (not told apart) {either:N0}")
            : line;
    }

    private static Task<int> RunAsync(LoadOptions options, DynamoDbTarget target, DirectoryInfo directory,
        TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(options, target, directory, output, error, onReport: null, cancellationToken);

    private static async Task<int> RunAsync(LoadOptions options, DynamoDbTarget target, DirectoryInfo directory,
        TextWriter output, TextWriter error, Action<LoadReport>? onReport, CancellationToken cancellationToken)
    {
        LoadReport report;
        using (var dynamo = target.CreateClient())
        {
            try
            {
                report = await new LoadRun(options, dynamo, error, TimeProvider.System).RunAsync(cancellationToken);
            }
            catch (LoadSetupException e)
            {
                throw new UsageException(e.Message, e);
            }
            catch (DynamoApiException e)
            {
                await error.WriteLineAsync($"dynamo: the API refused the load: {e.Message}");
                return ExitCodes.Failure;
            }
            catch (ReadBackException e)
            {
                await error.WriteLineAsync($"dynamo: {e.Message} Is DynamoDB answering at {target}? Pass --endpoint to read elsewhere.");
                return ExitCodes.Failure;
            }
            catch (HttpRequestException e)
            {
                await error.WriteLineAsync($"dynamo: nothing answers at {options.Api} ({e.Message.TrimEnd('.')}): start the local stack with `scripts/dynamo local`, or pass --url.");
                return ExitCodes.Failure;
            }
        }
        await ReportFiles.WriteAsync(report, directory.FullName, cancellationToken);
        onReport?.Invoke(report);
        WriteSummary(report, Path.Combine(directory.FullName, ReportFiles.Html), output);
        return report.EveryRowStored ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>"24,000 keys verified at their newest version, 0 lost, ..." for an updates run, else rows verified as sent.</summary>
    private static string ReadBackLine(LoadReport report) => report.Keys is { } keys
        ? string.Create(CultureInfo.InvariantCulture, $"{report.RowsVerified:N0} of {keys:N0} keys verified at their newest version, {report.Lost:N0} lost (an acknowledged version not found, or an older one won), {report.Corrupted:N0} corrupted, {report.Duplicated:N0} duplicated")
        : string.Create(CultureInfo.InvariantCulture, $"{report.RowsVerified:N0} verified, {report.Lost:N0} lost (acknowledged stored, then not found), {report.Corrupted:N0} corrupted, {report.Duplicated:N0} duplicated");

    /// <summary>The rows a versioned dataset did not write: stale (expected in an updates run) and conflicts (never expected).</summary>
    private static string VersionsLine(LoadReport report) => string.Create(CultureInfo.InvariantCulture,
        $"Versions: {report.Stale:N0} stale (a newer version was already stored), {report.Conflicts:N0} conflicts (same version, other content)");

    private static void WriteSummary(LoadReport report, string html, TextWriter output)
    {
        var latency = report.LatencyMs;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Run {report.Run.RunId}: {report.RowsSent:N0} rows in {report.OfferedRequests:N0} requests ({report.Requests:N0} HTTP requests with {report.Retries:N0} resends; {report.LateStarts:N0} started late)
            Status: {string.Join(", ", report.Status.Select(s => $"{s.Key} {s.Value:N0}"))}
            Latency: p50 {latency.P50:0.#} ms, p95 {latency.P95:0.#} ms, p99 {latency.P99:0.#} ms, max {latency.Max:0.#} ms
            Throttle onset: {(report.ThrottleOnsetRps is { } rps ? $"{rps:0} rps offered (second {report.ThrottleOnsetSecond})" : "none")}
            Read-back: {ReadBackLine(report)}
            Undelivered: {report.RowsUndelivered:N0} rows (the client gave up when the run's time ran out){(report.RowsInvalid > 0 ? $", {report.RowsInvalid:N0} rows refused invalid" : "")}
            {VersionsLine(report)}
            Client: {report.Client ?? "no API key"}: {ClientLine(report)}
            Causes: {(report.Causes.Count == 0 ? "none seen (every request went through at once)" : string.Join("; ", report.Causes.Select(cause => cause.Detail)))}
            Report: {html}
            """));
    }

}
