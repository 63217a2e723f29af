using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.Core.Querying;

/// <summary>
/// Runs a statement with ExecuteStatement and yields its items page after page: DynamoDB answers at most
/// 1 MB of items a call, with a NextToken while more remain (a page may even be empty when a filter
/// dropped everything it read).
/// </summary>
public static class StatementReader
{
    /// <param name="limit">Stop after this many items; null reads every page.</param>
    public static async IAsyncEnumerable<Dictionary<string, AttributeValue>> ReadAsync(
        IAmazonDynamoDB dynamo, SelectStatement statement, IReadOnlyList<AttributeValue> parameters, long? limit,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit ?? 1, nameof(limit));
        long read = 0;
        string? nextToken = null;
        do
        {
            var request = new ExecuteStatementRequest
            {
                Statement = statement.Text,
                Parameters = parameters.Count == 0 ? null : [.. parameters],
                NextToken = nextToken,
                // Limit caps the items DynamoDB evaluates for this page, so a --limit reads no more than it shows.
                Limit = limit is { } l ? (int)Math.Min(l - read, int.MaxValue) : null,
            };
            var page = await dynamo.ExecuteStatementAsync(request, cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                yield return item;
                if (++read == limit) yield break;
            }
            nextToken = page.NextToken;
        } while (nextToken is not null);
    }
}
