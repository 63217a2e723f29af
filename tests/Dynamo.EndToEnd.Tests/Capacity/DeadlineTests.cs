using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dynamo.Contracts;

namespace Dynamo.EndToEnd.Tests.Capacity;

/// <summary>
/// 700 write units per second and a 5 s integration timeout: the function has about 3.5 s to write, so at most
/// about 700 + 3.5 x 700 = 3,150 of 5,000 one-unit rows fit in one request.
/// </summary>
public sealed class DeadlineStackFixture : CapacityStackFixture
{
    public const int WriteCapacity = 700;

    protected override IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["MaxWriteRequestUnits"] = WriteCapacity.ToString(CultureInfo.InvariantCulture),
        ["IntegrationTimeoutMs"] = "5000",
    };
}

/// <summary>The seed's deadline story: a store slower than the request, a partial commit, and a resend of exactly the rest.</summary>
[Collection(CapacityStackTests.Name)]
public sealed partial class DeadlineTests(DeadlineStackFixture stack) : IClassFixture<DeadlineStackFixture>
{
    // Resends needed at 700 units/s are two or three; many more would mean rows that never get stored.
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
        // The emulated cap refused writes (throttled), and every rewritten DynamoDB answer passed the SDK's
        // checks: a CRC mismatch or an unreadable shape would have made rows store-error.
        Assert.Contains(first.Body.Rows, r => r.Reason == RetryReasons.Throttled);
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
        var rows = OrderRows.Create("report-" + Guid.NewGuid().ToString("N")[..8], 2500);

        await IngestCalls.PostAsync(stack.Http, "orders", rows);
        await Task.Delay(TimeSpan.FromSeconds(1.5));                    // the report comes once a second

        var seconds = CapacityLine().Matches(stack.Console).Select(m => (Used: int.Parse(m.Groups["used"].Value, CultureInfo.InvariantCulture),
            Refused: int.Parse(m.Groups["refused"].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.NotEmpty(seconds);
        Assert.Contains(seconds, s => s.Refused > 0);
        Assert.Contains(seconds, s => s.Used > 0);
    }

    [GeneratedRegex(@"^capacity orders: (?<used>\d+) WCU/s used of 700, (?<refused>\d+) items refused", RegexOptions.Multiline)]
    private static partial Regex CapacityLine();
}
