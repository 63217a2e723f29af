using System.CommandLine;
using static Dynamo.Cli.Commands.CommandFailures;
using System.Diagnostics;
using System.Text.Json;
using Dynamo.Cli.Commands.Parsing;
using Dynamo.Cli.Sending;
using Dynamo.Client;
using Dynamo.Contracts;

namespace Dynamo.Cli.Commands;

/// <summary>
/// `dynamo send FILE --dataset NAME`: every row of a CSV, JSON Lines or JSON file to the API through
/// <see cref="IngestClient"/>, which cuts, resends and backs off. This verb reads the file (Sending/*RowSource),
/// keeps the rejects and the checkpoint (<see cref="SendLedger"/>), shows progress and sums up.
/// </summary>
internal static class SendCommand
{
    private sealed record Request(
        FileInfo File, string Dataset, Uri? Url, int Batch, int Concurrency, InputFormat? Format, TimeSpan Budget, bool Restart, FileInfo? Rejects)
    {
        public string? ApiKey { get; init; }
    }

    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The rows: CSV with a header row, JSON Lines, or a JSON array of objects" };
        var dataset = new Option<string>("--dataset") { Description = "The dataset the rows belong to", HelpName = "NAME", Required = true };
        var url = new Option<Uri?>("--url")
        {
            Description = "The API with its stage, e.g. https://abc.execute-api.eu-west-1.amazonaws.com/prod (default: the running local stack's)",
            HelpName = "URL",
            CustomParser = result =>
            {
                var text = result.Tokens[^1].Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    return uri;
                result.AddError($"--url takes an http or https URL, like http://127.0.0.1:3000/dev; got '{text}'.");
                return null;
            },
        };
        var batch = new Option<int>("--batch") { Description = "Rows a request, 1 to 5000 (requests also stay under 5 MB)", HelpName = "N", DefaultValueFactory = _ => SendOptions.ApiMaxRowsPerRequest };
        batch.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > SendOptions.ApiMaxRowsPerRequest)
                result.AddError("--batch takes a number of rows from 1 to 5000 (the API's limit a request).");
        });
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once", HelpName = "C", DefaultValueFactory = _ => SendOptions.DefaultConcurrency };
        concurrency.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 64)
                result.AddError("--concurrency takes a number of requests from 1 to 64.");
        });
        var format = new Option<string?>("--format") { Description = "The file's format (default: from its extension, .csv, .jsonl or .json)", HelpName = "csv|jsonl|json" };
        format.AcceptOnlyFromAmong("csv", "jsonl", "json");
        var budget = SharedOptions.Duration("--budget", "Give up after this long and report the rows left unstored (default 30m)");
        budget.DefaultValueFactory = _ => TimeSpan.FromMinutes(30);
        var restart = new Option<bool>("--restart") { Description = "Ignore FILE.checkpoint.json and send from the first row" };
        var rejects = new Option<FileInfo?>("--rejects") { Description = "Write the invalid and conflict rows to this file (default: FILE.rejects.jsonl)", HelpName = "FILE" };
        var apiKey = SharedOptions.ApiKey();

        var command = new Command("send", "Send a file's rows to a dataset: resends what the API did not store, resumes where an interrupted run stopped")
        {
            file, dataset, url, batch, concurrency, format, budget, restart, rejects, apiKey,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new Request(result.GetValue(file)!, result.GetValue(dataset)!, result.GetValue(url), result.GetValue(batch),
                result.GetValue(concurrency), result.GetValue(format) is { } name ? Enum.Parse<InputFormat>(name, ignoreCase: true) : null,
                result.GetValue(budget), result.GetValue(restart), result.GetValue(rejects)) { ApiKey = result.GetValue(apiKey) },
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var file = request.File;
        if (!file.Exists)
            throw new UsageException($"There is no file {file.FullName}.");
        var format = request.Format ?? InputFormats.FromExtension(file.Name)
            ?? throw new UsageException($"Cannot tell the format of {file.Name} from its extension: pass --format csv, jsonl or json.");
        var api = ApiTarget.Resolve(request.Url);
        var key = ApiTarget.ApiKey(request.ApiKey, api);

        using var client = new IngestClient(api);
        DatasetDescription description;
        try
        {
            description = await DescribeAsync(client, request.Dataset, key, cancellationToken);
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            return Fail(error, $"Nothing answers at {api} ({Innermost(e).Message.TrimEnd('.')}): start the local stack with `scripts/dynamo local`, or check --url.");
        }
        catch (DynamoApiException e)
        {
            return Fail(error, e.Message);
        }

        var checkpointPath = Checkpoint.PathFor(file.FullName);
        var rejectsPath = request.Rejects?.FullName ?? RejectsFile.PathFor(file.FullName);
        if (Path.GetDirectoryName(rejectsPath) is { } folder && !Directory.Exists(folder))
            throw new UsageException($"There is no folder {folder} for the rejects file: create it, or pass another --rejects FILE.");
        var start = StartingPoint(file, request, format, checkpointPath, rejectsPath, error);
        var options = new SendOptions
        {
            MaxRowsPerRequest = request.Batch,
            Concurrency = request.Concurrency,
            TimeBudget = request.Budget,
            ApiKey = key,
            KeyFields = [.. new[] { description.PartitionKey, description.SortKey }.OfType<string>()],
        };

        var elapsed = Stopwatch.StartNew();
        SendResult result;
        SendLedger ledger;
        try
        {
            using var rejects = new RejectsFile(rejectsPath, start.RejectsBytes);
            await using var source = RowSource.Open(file.FullName, format, description.Schema);
            ledger = new SendLedger(start, checkpointPath, rejects);
            var display = new SendDisplay(error, IsTerminal(error), source, ledger, request.Budget);
            try
            {
                var rows = ledger.RowsToSend(source.ReadAsync(cancellationToken), cancellationToken);
                result = await display.ShowWhileAsync(client.SendAsync(description.Name, rows, options, ledger, cancellationToken));
            }
            catch (JsonException e)
            {
                ledger.Finish(completed: false);
                return Fail(error, $"{file.Name} is not a JSON array of rows ({e.Message}); the rows before the error were sent. Fix the file and send it again.");
            }
            catch (DynamoApiException e)
            {
                ledger.Finish(completed: false);
                return Fail(error, e.Message);
            }
            ledger.Finish(result.AllValidRowsStored);
        }
        finally
        {
            // A rejects file that lists nothing would only make the reader look.
            if (new FileInfo(rejectsPath) is { Exists: true, Length: 0 })
                File.Delete(rejectsPath);
        }

        var rejected = result.Invalid + ledger.UnreadableRows + ledger.EarlierInvalidRows + result.Conflict + ledger.EarlierConflictRows;
        await output.WriteLineAsync(SendSummary.Text(file.FullName, description, result, ledger, rejectsPath, elapsed.Elapsed, request.Budget));
        return SendSummary.ExitCode(result, rejected);
    }

    private static async Task<DatasetDescription> DescribeAsync(IngestClient client, string dataset, string? apiKey, CancellationToken cancellationToken)
    {
        var datasets = await client.GetDatasetsAsync(new SendOptions { ApiKey = apiKey }, cancellationToken);
        return datasets.FirstOrDefault(d => d.Name == dataset)
            ?? throw new UsageException($"The API has no dataset '{dataset}'; it has: {string.Join(", ", datasets.Select(d => d.Name))}.");
    }

    /// <summary>The checkpoint to resume from when it is this file's and this dataset's, else a fresh one.</summary>
    private static Checkpoint StartingPoint(FileInfo file, Request request, InputFormat format, string path, string rejects, TextWriter error)
    {
        var saved = request.Restart ? null : Checkpoint.Read(path);
        if (saved is not null && saved.Matches(file, request.Dataset, format, rejects))
        {
            error.WriteLine($"dynamo: resuming from {Path.GetFileName(path)}: the first {saved.SettledRows:N0} rows were settled by an earlier run.");
            return saved;
        }
        if (saved is not null)
            error.WriteLine($"dynamo: ignoring {Path.GetFileName(path)}: it was written for another file, dataset, format or rejects file; sending from the first row.");
        return new Checkpoint
        {
            File = file.FullName,
            Length = file.Length,
            LastWriteUtc = file.LastWriteTimeUtc,
            Dataset = request.Dataset,
            Format = format,
            SettledRows = 0,
            InvalidRows = 0,
            RejectsBytes = 0,
            Rejects = rejects,
        };
    }

    private static bool IsTerminal(TextWriter writer) => ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
}
