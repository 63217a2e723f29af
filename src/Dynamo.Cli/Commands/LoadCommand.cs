using System.CommandLine;
using System.Globalization;
using Dynamo.Cli.Commands.Parsing;
using Dynamo.Cli.Querying;
using Dynamo.Cli.Sending;
using Dynamo.Client;
using Dynamo.Load;
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
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "The dataset to load", HelpName = "NAME", Required = true };
        var rate = new Option<double>("--rate") { Description = "Requests per second (where a ramp or the steps start)", HelpName = "R", Required = true };
        var rampTo = new Option<double?>("--ramp-to") { Description = "Where a ramp or the steps end, the top of a spike (requests per second)", HelpName = "R2" };
        var duration = SharedOptions.Duration("--duration", "How long requests are offered");
        duration.Required = true;
        var rows = new Option<int>("--rows") { Description = "Fresh rows in every request (1..5000)", HelpName = "N", Required = true };
        var report = new Option<DirectoryInfo>("--report") { Description = "Directory for report.json and report.html", HelpName = "DIR", DefaultValueFactory = _ => new DirectoryInfo("load-report") };
        var url = SharedOptions.ApiUrl();
        var endpoint = SharedOptions.Endpoint();
        var cleanup = new Option<bool>("--cleanup") { Description = "Delete the run's rows after the read-back" };
        var scenario = new Option<string?>("--scenario") { Description = "Shape of the offered rate (default: ramp with --ramp-to, else steady)", HelpName = "steady|ramp|spike|step" };
        scenario.AcceptOnlyFromAmong("steady", "ramp", "spike", "step");
        var seed = new Option<long?>("--seed") { Description = "Seed of the row values (default: random, written in the report)", HelpName = "S" };
        var hotKeys = new Option<int>("--hot-keys") { Description = "Put all rows on K partition key values, to find hot-partition throttling (needs a sort key)", HelpName = "K" };
        var drain = SharedOptions.Duration("--drain", "How long resends may go on after the last request was due (default 2m)");
        drain.DefaultValueFactory = _ => TimeSpan.FromMinutes(2);

        rate.Validators.Add(r => { if (r.GetValueOrDefault<double>() is not > 0) r.AddError("--rate takes a number of requests per second above 0."); });
        rampTo.Validators.Add(r => { if (r.GetValueOrDefault<double?>() is <= 0) r.AddError("--ramp-to takes a number of requests per second above 0."); });
        rows.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > SendOptions.ApiMaxRowsPerRequest) r.AddError("--rows takes a whole number of rows, 1 to 5000."); });
        hotKeys.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--hot-keys takes a whole number of keys, 1 or more."); });
        duration.Validators.Add(r => { if (r.GetValueOrDefault<TimeSpan>() < TimeSpan.FromSeconds(1)) r.AddError("--duration must be 1s or longer."); });

        var command = new Command("load", "Offer load to a dataset (open model), read every row back, and write report.json and report.html")
        {
            dataset, rate, rampTo, duration, rows, report, url, endpoint, cleanup, scenario, seed, hotKeys, drain,
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
            var options = new LoadOptions
            {
                Api = ApiTarget.Resolve(result.GetValue(url)),
                Dataset = result.GetValue(dataset)!,
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
            return RunAsync(options, DynamoDbTarget.Resolve(result.GetValue(endpoint)), result.GetValue(report)!,
                result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(LoadOptions options, DynamoDbTarget target, DirectoryInfo directory,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
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
        WriteSummary(report, Path.Combine(directory.FullName, ReportFiles.Html), output);
        return report.EveryRowStored ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void WriteSummary(LoadReport report, string html, TextWriter output)
    {
        var latency = report.LatencyMs;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Run {report.Run.RunId}: {report.RowsSent:N0} rows in {report.OfferedRequests:N0} requests ({report.Requests:N0} HTTP requests with {report.Retries:N0} resends; {report.LateStarts:N0} started late)
            Status: {string.Join(", ", report.Status.Select(s => $"{s.Key} {s.Value:N0}"))}
            Latency: p50 {latency.P50:0.#} ms, p95 {latency.P95:0.#} ms, p99 {latency.P99:0.#} ms, max {latency.Max:0.#} ms
            Throttle onset: {(report.ThrottleOnsetRps is { } rps ? $"{rps:0} rps offered (second {report.ThrottleOnsetSecond})" : "none")}
            Read-back: {report.RowsVerified:N0} verified, {report.Lost:N0} lost (acknowledged stored, then not found), {report.Corrupted:N0} corrupted, {report.Duplicated:N0} duplicated
            Undelivered: {report.RowsUndelivered:N0} rows (the client gave up when the run's time ran out){(report.RowsInvalid > 0 ? $", {report.RowsInvalid:N0} rows refused invalid" : "")}
            Causes: {(report.Causes.Count == 0 ? "none seen (every request went through at once)" : string.Join("; ", report.Causes.Select(cause => cause.Detail)))}
            Report: {html}
            """));
    }

}
