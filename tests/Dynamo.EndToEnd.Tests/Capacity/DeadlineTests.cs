using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Local.Store;
using Dynamo.Testing;

namespace Dynamo.EndToEnd.Tests.Capacity;

/// <summary>
/// 500 write units per second and an 8 s integration timeout: the function stops starting writes after about
/// 6.2 s (0.8 s of margin, then 1 s for the calls in flight), so at most about 500 + 6.2 x 500 = 3,600 of 5,000
/// one-unit rows fit in one request. A long run (TestVolume) is the story at the template's own 29 s with 100
/// units a second: about 100 + 27 x 100 = 2,800 rows in the first answer.
/// </summary>
public sealed class DeadlineStackFixture : CapacityStackFixture
{
    public int WriteUnits { get; } = TestVolume.Of(500, 100);

    protected override IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["MaxWriteRequestUnits"] = WriteUnits.ToString(CultureInfo.InvariantCulture),
        ["IntegrationTimeoutMs"] = TestVolume.Of(8000, 29000).ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>The seed's deadline story: a store slower than the request, a partial commit, and a resend of exactly the rest.</summary>
[Collection(LocalStackTests.Name)]
public sealed partial class DeadlineTests(DeadlineStackFixture stack) : IClassFixture<DeadlineStackFixture>
{
    // Resends needed at 500 units/s are one or two; many more would mean rows that never get stored.
    private const int MaxResends = 15;

    [Fact]
    public async Task Five_thousand_rows_over_the_write_capacity_answer_207_and_resending_the_retry_rows_completes_the_set_once()
    {
        var prefix = "deadline-" + Guid.NewGuid().ToString("N")[..8];
        var rows = OrderRows.Create(prefix, 5000);

        // A 207, not the gateway's 504: the function answered before the integration timeout.
        var first = await IngestCalls.PostAsync(stack.Http, "orders", rows);
        Assert.Equal(HttpStatusCode.MultiStatus, first.Status);
        var summary = first.Body.Summary;
        Assert.False(first.Body.Complete);
        Assert.Equal(5000, summary.Received);
        Assert.Equal(5000, summary.Stored + summary.Retry);
        Assert.InRange(summary.Stored, 1, 4999);
        Assert.Equal(summary.Retry, first.RetryIndexes.Count);
        Assert.NotNull(first.Body.RetryAfterMs);
        // The cap, not this machine's speed, is what keeps the set from fitting: one second of burst plus 500
        // units for each second the request lasted.
        Assert.InRange(summary.Stored, 1, stack.WriteUnits * (1 + first.Elapsed.TotalSeconds));
        // Every answer the emulation rewrote passed the SDK's checks: a CRC mismatch or an unreadable shape would
        // have made rows store-error.
        Assert.All(first.Body.Rows, r => Assert.Contains(r.Reason, new[] { RetryReasons.Throttled, RetryReasons.Deadline }));

        var storedReported = summary.Stored;
        var pending = first.RetryIndexes.ToList();
        var answer = first;
        var resends = 0;
        while (pending.Count > 0)
        {
            Assert.True(++resends <= MaxResends, $"{pending.Count} rows still not stored after {MaxResends} resends");
            await Task.Delay(answer.Body.RetryAfterMs ?? 1000);
            answer = await IngestCalls.PostAsync(stack.Http, "orders", pending.Select(i => rows[i]));
            Assert.Equal(pending.Count, answer.Body.Summary.Received);
            Assert.Equal(pending.Count, answer.Body.Summary.Stored + answer.Body.Summary.Retry);
            storedReported += answer.Body.Summary.Stored;
            pending = [.. answer.RetryIndexes.Select(i => pending[i])];
        }

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Body.Complete);
        // Each row was confirmed stored exactly once over all the answers, the table holds exactly the 5,000 rows,
        // and each holds the row as sent.
        Assert.Equal(5000, storedReported);
        using var store = stack.Stack.Store.CreateClient();
        var stored = await OrderRows.StoredHashesAsync(store, prefix);
        Assert.Equal(5000, stored.Count);
        Assert.Equal(OrderRows.ExpectedHashes(rows).OrderBy(r => r.Key, StringComparer.Ordinal), stored.OrderBy(r => r.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_console_reports_each_second_of_write_units_used_against_the_cap_and_items_refused()
    {
        using var client = LocalDynamoDbClient.Create(stack.Stack.Capacity.Endpoint);
        var prefix = "report-" + Guid.NewGuid().ToString("N")[..8];
        // A second after any earlier test the table's bucket is full again: 500 units (100 in a long run). 25 items
        // of 30 units ask 750.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await client.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            RequestItems = new()
            {
                ["orders"] = [.. Enumerable.Range(0, 25).Select(i => new WriteRequest(new PutRequest(new()
                {
                    ["orderId"] = new($"{prefix}-{i}"),
                    ["note"] = new(new string('n', 30 * 1024 - 100)),
                })))],
            },
        });
        await Task.Delay(TimeSpan.FromSeconds(1.5));                    // the report comes once a second

        var seconds = CapacityLine().Matches(stack.Console).Select(m => (Used: int.Parse(m.Groups["used"].Value, CultureInfo.InvariantCulture),
            Cap: int.Parse(m.Groups["cap"].Value, CultureInfo.InvariantCulture),
            Refused: int.Parse(m.Groups["refused"].Value, CultureInfo.InvariantCulture))).ToList();
        // The call's admitted units and its refused items may fall either side of a report's second boundary:
        // they are on the same line or on two lines in a row.
        var refusedAt = seconds.FindIndex(s => s.Refused >= 9);
        Assert.True(refusedAt >= 0, $"no second reports the 9 items refused: {string.Join(", ", seconds)}");
        Assert.Contains(seconds[Math.Max(0, refusedAt - 1)..Math.Min(seconds.Count, refusedAt + 2)], s => s.Used >= 30);
        Assert.All(seconds, s => Assert.Equal(stack.WriteUnits, s.Cap));
    }

    [GeneratedRegex(@"^capacity orders: (?<used>\d+) WCU/s used of (?<cap>\d+)( \(burst\))?, (?<refused>\d+) items refused", RegexOptions.Multiline)]
    private static partial Regex CapacityLine();
}
