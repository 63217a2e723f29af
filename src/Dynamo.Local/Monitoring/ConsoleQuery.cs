using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Querying;
using Dynamo.Core.Rows;

namespace Dynamo.Local.Monitoring;

/// <summary>
/// The console's PartiQL box: one SELECT run by <see cref="SelectRun"/>, the engine of `dynamo query`, on the stack's
/// DynamoDB endpoint, its rows as plain JSON in the run's column order, at most <see cref="MaxRows"/> of them. What
/// the statement or DynamoDB refuses comes back as a message for the page (a 400), never a server error.
/// </summary>
internal static class ConsoleQuery
{
    public const int DefaultRows = 500;
    public const int MaxRows = 5_000;

    public static async Task<(int Status, ConsoleQueryAnswer? Answer, string? Problem)> RunAsync(
        IAmazonDynamoDB dynamo, string target, ConsoleQueryRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Statement))
            return (400, null, "Write a PartiQL SELECT in the box.");
        if (!SelectStatement.TryParse(request.Statement, out var statement, out var refusal))
            return (400, null, refusal);
        if (statement.ParameterCount > 0)
            return (400, null, "The console runs statements without ? parameters: write the values in the statement (`dynamo query --param` takes them).");
        var limit = Math.Clamp(request.Limit ?? DefaultRows, 1, MaxRows);
        try
        {
            var run = await SelectRun.PrepareAsync(dynamo, statement, [], cancellationToken).ConfigureAwait(false);
            var rows = new List<Dictionary<string, AttributeValue>>();
            // One more than shown tells whether the result goes on.
            await foreach (var row in run.ReadAsync(dynamo, limit + 1, cancellationToken).ConfigureAwait(false))
                rows.Add(row);
            var truncated = rows.Count > limit;
            if (truncated) rows.RemoveAt(rows.Count - 1);
            var columns = run.Order.Sort(rows.SelectMany(row => row.Keys).Distinct(StringComparer.Ordinal));
            return (200, new ConsoleQueryAnswer(columns, [.. rows.Select(row => ItemJson.ToRow(row))], rows.Count, truncated, run.FullScan), null);
        }
        catch (ResourceNotFoundException)
        {
            return (400, null, await SelectRun.UnknownTableAsync(dynamo, statement.Table, target, cancellationToken).ConfigureAwait(false));
        }
        catch (AmazonDynamoDBException e) when (e.ErrorCode == "ValidationException")
        {
            return (400, null, $"DynamoDB refused the statement: {e.Message}");
        }
        catch (AmazonDynamoDBException e)
        {
            return (502, null, $"DynamoDB failed ({(int)e.StatusCode} {e.ErrorCode}): {e.Message}");
        }
    }
}

/// <summary>The PartiQL box's request: the statement and how many rows to show at most.</summary>
public sealed record ConsoleQueryRequest(string? Statement, int? Limit);

/// <summary>The rows of a SELECT, their columns in order, whether more rows remained, and the full-scan warning.</summary>
public sealed record ConsoleQueryAnswer(IReadOnlyList<string> Columns, IReadOnlyList<JsonElement> Rows, int Count, bool Truncated, string? Warning);
