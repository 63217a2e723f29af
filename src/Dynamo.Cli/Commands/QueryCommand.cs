using System.CommandLine;
using static Dynamo.Cli.Commands.CommandFailures;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Dynamo.Cli.Commands.Parsing;
using Dynamo.Cli.Querying;
using Dynamo.Core.Querying;

namespace Dynamo.Cli.Commands;

/// <summary>
/// `dynamo query "PARTIQL"`: one SELECT through ExecuteStatement, every page, as a table, CSV, JSON or JSON
/// Lines of plain JSON values; a warning first when it scans the whole table. The statement rules live in
/// <see cref="SelectStatement"/>, the run (keys, warning, column order, paging) in <see cref="SelectRun"/>, which the
/// local console's PartiQL box runs too, the formats under Querying/.
/// </summary>
internal static class QueryCommand
{
    private sealed record Request(string Statement, IReadOnlyList<string> Parameters, RowFormat? Format, FileInfo? Output, Uri? Endpoint, long? Limit);

    public static Command Create()
    {
        var statement = new Argument<string>("PARTIQL") { Description = "A PartiQL SELECT; write ? where each --param goes" };
        var parameters = new Option<string[]>("--param")
        {
            Description = "A value for the next ?: a number, true/false, null or else a string; s:, n:, b: force string, number, boolean",
            HelpName = "VALUE",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => [],
        };
        var format = new Option<string?>("--format") { Description = "Output format (default: table on a terminal, else csv)", HelpName = "table|csv|json|jsonl" };
        format.AcceptOnlyFromAmong("table", "csv", "json", "jsonl");
        var output = new Option<FileInfo?>("--output") { Description = "Write the rows to FILE instead of stdout", HelpName = "FILE" };
        var endpoint = SharedOptions.Endpoint();
        var limit = new Option<long?>("--limit") { Description = "Stop after N rows", HelpName = "N" };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is < 1)
                result.AddError("--limit takes a whole number of rows, 1 or more.");
        });

        var command = new Command("query", "Run a PartiQL SELECT on the datasets' tables and print every row")
        {
            statement, parameters, format, output, endpoint, limit,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            new Request(
                result.GetValue(statement)!, result.GetValue(parameters)!,
                result.GetValue(format) is { } name ? Enum.Parse<RowFormat>(name, ignoreCase: true) : null,
                result.GetValue(output), result.GetValue(endpoint), result.GetValue(limit)),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!SelectStatement.TryParse(request.Statement, out var statement, out var refusal))
            throw new UsageException(refusal);
        var parameters = new List<AttributeValue>();
        foreach (var text in request.Parameters)
            parameters.Add(StatementParameter.TryParse(text, out var value, out var problem) ? value : throw new UsageException($"--param {problem}"));
        if (parameters.Count != statement.ParameterCount)
            throw new UsageException($"The statement has {Count(statement.ParameterCount, "?")} and {Count(parameters.Count, "--param")}: give one --param for each ?, in order.");

        var format = request.Format ?? (request.Output is null && IsTerminal(output) ? RowFormat.Table : RowFormat.Csv);
        var target = DynamoDbTarget.Resolve(request.Endpoint);
        try
        {
            using var dynamo = target.CreateClient();
            try
            {
                return await ExportAsync(dynamo, statement, parameters, format, request, output, error, cancellationToken);
            }
            catch (ResourceNotFoundException)
            {
                return Fail(error, await SelectRun.UnknownTableAsync(dynamo, statement.Table, target.ToString(), cancellationToken));
            }
        }
        catch (AmazonDynamoDBException e) when (e.ErrorCode == "ValidationException")
        {
            return Fail(error, $"DynamoDB refused the statement: {e.Message}");
        }
        catch (AmazonDynamoDBException e)
        {
            // Throttling, missing permissions, DynamoDB's own failures: nothing the statement can fix, still one line.
            return Fail(error, $"DynamoDB failed ({(int)e.StatusCode} {e.ErrorCode}): {e.Message}");
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            var advice = target.Endpoint is { IsLoopback: true } ? "start the local stack with `scripts/dynamo local`, or pass --endpoint URL" : "check the URL given to --endpoint";
            return Fail(error, $"Nothing answers at {target} ({Innermost(e).Message.TrimEnd('.')}): {advice}.");
        }
        catch (AmazonClientException e) when (target.Endpoint is null)
        {
            return Fail(error, $"Cannot use AWS: {e.Message.TrimEnd('.')}. Set AWS_REGION and credentials (or AWS_PROFILE), start the local stack with `scripts/dynamo local`, or pass --endpoint URL.");
        }
    }

    private static async Task<int> ExportAsync(
        IAmazonDynamoDB dynamo, SelectStatement statement, List<AttributeValue> parameters, RowFormat format, Request request,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var run = await SelectRun.PrepareAsync(dynamo, statement, parameters, cancellationToken);
        if (run.FullScan is { } warning)
            await error.WriteLineAsync($"dynamo: warning: {warning}");

        var rows = run.ReadAsync(dynamo, request.Limit, cancellationToken);
        if (request.Output is not null || IsTerminal(error))
            rows = new ExportProgress(error, TimeProvider.System).Track(rows, cancellationToken);
        var order = run.Order;

        if (request.Output is null)
        {
            await WriteAsync(format, rows, order, output, cancellationToken);
            await output.FlushAsync(cancellationToken);
            return ExitCodes.Success;
        }

        // Written beside the target and moved into place at the end: a failed export leaves no half file.
        var path = request.Output.FullName;
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            long count;
            await using (var file = new StreamWriter(partial, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                count = await WriteAsync(format, rows, order, file, cancellationToken);
            File.Move(partial, path, overwrite: true);
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"dynamo: {count:N0} {(count == 1 ? "row" : "rows")} written to {request.Output}"));
            return ExitCodes.Success;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static Task<long> WriteAsync(
        RowFormat format, IAsyncEnumerable<Dictionary<string, AttributeValue>> rows, ColumnOrder order, TextWriter output, CancellationToken cancellationToken) =>
        format switch
        {
            RowFormat.Table => TableRows.WriteAsync(rows, order, output, cancellationToken),
            RowFormat.Csv => CsvRows.WriteAsync(rows, order, output, cancellationToken),
            RowFormat.Json => JsonRows.WriteArrayAsync(rows, order, output, cancellationToken),
            _ => JsonRows.WriteLinesAsync(rows, order, output, cancellationToken),
        };

    private static bool IsTerminal(TextWriter writer) =>
        (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected) || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
