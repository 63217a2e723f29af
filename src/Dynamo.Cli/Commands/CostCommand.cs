using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using Dynamo.Cli.Local;
using Dynamo.Local.Costing;

namespace Dynamo.Cli.Commands;

/// <summary>
/// <c>dynamo cost [--console URL] [--json] [--price-... DOLLARS]...</c>: what the running local stack ingested so far
/// would cost on AWS, per million rows stored (docs/cost.md). It reads the quantities the stack measured (its console's
/// <c>api/usage</c>: the access log's requests, the REPORT lines' billed duration and memory, the capacity meter's write
/// units and item sizes, the log bytes) and prices them with <see cref="CostModel"/>; the floor is the rows' own write units.
/// </summary>
internal static class CostCommand
{
    private sealed record PriceOption(Option<decimal?> Option, Func<Prices, decimal, Prices> Set);

    public static Command Create()
    {
        var console = new Option<Uri?>("--console")
        {
            Description = "The local stack's console (default: the running stack's, from .dynamo/local.json)",
            HelpName = "URL",
            CustomParser = result =>
            {
                var text = result.Tokens[^1].Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
                result.AddError($"--console takes the console's http URL, like http://127.0.0.1:3001/_console/; got '{text}'.");
                return null;
            },
        };
        var json = new Option<bool>("--json") { Description = "Print the quantities, the prices and the bill as JSON" };
        var defaults = Prices.Default;
        PriceOption[] prices =
        [
            Price("--price-api-requests", "API Gateway REST API, dollars per million requests", defaults.ApiRequestsPerMillion, (p, v) => p with { ApiRequestsPerMillion = v }),
            Price("--price-lambda-requests", "Lambda, dollars per million requests", defaults.LambdaRequestsPerMillion, (p, v) => p with { LambdaRequestsPerMillion = v }),
            Price("--price-lambda-gb-second", "Lambda, dollars per GB-second (x86_64; arm64 is 0.0000133334)", defaults.LambdaGbSecond, (p, v) => p with { LambdaGbSecond = v }),
            Price("--price-write-units", "DynamoDB on-demand, dollars per million write request units", defaults.WriteUnitsPerMillion, (p, v) => p with { WriteUnitsPerMillion = v }),
            Price("--price-storage-gb-month", "DynamoDB storage, dollars per GB-month (Standard table class)", defaults.StorageGbMonth, (p, v) => p with { StorageGbMonth = v }),
            Price("--price-logs-gb", "CloudWatch Logs, dollars per GB ingested", defaults.LogsIngestedGb, (p, v) => p with { LogsIngestedGb = v }),
            Price("--storage-months", "Months of storage counted for the rows", defaults.StorageMonths, (p, v) => p with { StorageMonths = v }),
        ];
        var command = new Command("cost", $"What the running local stack ingested so far would cost on AWS, per million rows stored (us-east-1 prices of {Prices.AsOf})")
        {
            console, json,
        };
        foreach (var price in prices) command.Options.Add(price.Option);
        command.SetAction(async (result, cancellationToken) =>
        {
            var chosen = prices.Aggregate(Prices.Default, (p, price) => result.GetValue(price.Option) is { } value ? price.Set(p, value) : p);
            var page = result.GetValue(console) ?? LocalStackFiles.FindRunning()?.Console
                ?? throw new UsageException("No local stack with a console is running (.dynamo/local.json names none): start one with scripts/dynamo local, or pass --console URL.");
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;

            Usage usage;
            try
            {
                usage = await ReadUsageAsync(page, cancellationToken);
            }
            catch (Exception e) when (CommandFailures.IsUnreachable(e))
            {
                return CommandFailures.Fail(error, $"Nothing answers at {page}: is the local stack running (scripts/dynamo local)?");
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException)
            {
                return CommandFailures.Fail(error, $"{page} did not answer its usage as a local stack's console does: {CommandFailures.Innermost(e).Message}");
            }
            if (usage.Tables.Sum(t => t.RowsStored) == 0)
                return CommandFailures.Fail(error, "The stack has stored no row yet: send some (scripts/dynamo send FILE --dataset NAME), then ask again.");

            var bill = CostModel.Of(usage, chosen);
            if (result.GetValue(json))
                await output.WriteLineAsync(JsonSerializer.Serialize(new CostReport(Prices.AsOf, chosen, usage, bill), CostingJsonContext.Default.CostReport));
            else
                await output.WriteAsync(CostTable.Text(usage, bill, chosen));
            return ExitCodes.Success;
        });
        return command;
    }

    private static PriceOption Price(string name, string description, decimal fallback, Func<Prices, decimal, Prices> set) => new(new Option<decimal?>(name)
    {
        Description = string.Create(CultureInfo.InvariantCulture, $"{description} (default {fallback})"),
        HelpName = "DOLLARS",
        CustomParser = result =>
        {
            var text = result.Tokens[^1].Value;
            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return value;
            result.AddError($"{name} takes a number, 0 or more, like {fallback.ToString(CultureInfo.InvariantCulture)}; got '{text}'.");
            return null;
        },
    }, set);

    /// <summary>The console's api/usage, from the console page's URL (or its origin).</summary>
    private static async Task<Usage> ReadUsageAsync(Uri page, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var usage = new Uri(new Uri(page.GetLeftPart(UriPartial.Authority)), "/_console/api/usage");
        using var response = await http.GetAsync(usage, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(body, CostingJsonContext.Default.Usage, cancellationToken)
            ?? throw new JsonException("The usage was null.");
    }
}

/// <summary>The text `dynamo cost` prints: the quantities, a table of the parts per million rows and their shares, the floor and the ratio.</summary>
internal static class CostTable
{
    public static string Text(Usage usage, Bill bill, Prices prices)
    {
        var text = new System.Text.StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var lambda = string.Join(", ", usage.Functions.Where(f => f.Invocations > 0).Select(f => string.Create(c,
            $"{f.Name} {f.Invocations:N0} × {(double)f.BilledMs / f.Invocations:0.0} ms billed at {f.MemorySizeMb} MB (max used {f.MaxMemoryUsedMb} MB)")));
        text.AppendLine(c, $"Measured on the local stack: {bill.Rows:N0} rows stored in {usage.Api.BilledRequests:N0} billed requests ({usage.Api.Requests:N0} answered); {bill.StoredBytesPerRow:0} bytes stored a row (with DynamoDB's 100 of overhead)");
        if (lambda.Length > 0) text.AppendLine(c, $"Lambda: {lambda}");
        text.AppendLine(c, $"AWS bill per million rows stored, us-east-1 on-demand prices of {Prices.AsOf} (dynamo cost --help lists the --price options):");
        text.AppendLine();
        text.AppendLine(c, $"{"part",-30} {"measured",22} {"$ per M rows",13} {"share",7}");
        foreach (var part in bill.Parts)
            text.AppendLine(c, $"{part.Name,-30} {Quantity(part),22} {part.DollarsPerMillionRows,13:0.0000} {part.Share * 100,6:0.0}%");
        text.AppendLine(c, $"{"total",-30} {"",22} {bill.TotalPerMillionRows,13:0.0000} {100,6:0.0}%");
        text.AppendLine(c, $"{"floor: the rows' own WRU",-30} {string.Create(c, $"{bill.FloorUnits:N0} WRU"),22} {bill.FloorPerMillionRows,13:0.0000}");
        text.AppendLine(c, $"total / floor: {(bill.TotalOverFloor is { } ratio ? ratio.ToString("0.00", c) : "n/a")}");
        return text.ToString();
    }

    private static string Quantity(BillPart part) => part.Unit switch
    {
        "GB" or "GB-month" => string.Create(CultureInfo.InvariantCulture, $"{part.Quantity:0.000000} {part.Unit}"),
        "GB-s" => string.Create(CultureInfo.InvariantCulture, $"{part.Quantity:0.000} {part.Unit}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{part.Quantity:N0} {part.Unit}"),
    };
}
