using System.Globalization;
using System.Net;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Local.Store;

namespace Dynamo.EndToEnd.Tests.Capacity;

/// <summary>No table cap, so only DynamoDB's 1,000 write units per second per partition key value limits; 5 s to answer.</summary>
public sealed class UncappedStackFixture : CapacityStackFixture
{
    protected override IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["IntegrationTimeoutMs"] = "5000",
    };
}

/// <summary>One hot partition key value is held to 1,000 write units per second; the other keys of the same table are not.</summary>
[Collection(CapacityStackTests.Name)]
public sealed class PartitionKeyLimitTests(UncappedStackFixture stack) : IClassFixture<UncappedStackFixture>
{
    // A reading with a 1,100-character note is about 1.3 KB with its system attributes: 2 write units for
    // 1.2 KB of request, so 3,500 of them (4.2 MB, under the 5 MB body limit) ask 7,000 units of one key, more
    // than the 1,000 + 4.5 x 1,000 it can take before the function's hard deadline.
    private const int HotRowUnits = 2;
    private const int HotRows = 3500;
    private const int ColdRows = 200;

    [Fact]
    public async Task Rows_of_a_hot_device_come_back_throttled_while_every_row_of_the_other_devices_is_stored()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var note = new string('n', 1100);
        var hot = Enumerable.Range(0, HotRows).Select(i => Reading($"hot-{run}", i, note)).ToList();
        var cold = Enumerable.Range(0, ColdRows).Select(i => Reading($"cold-{run}-{i}", 0, note: null)).ToList();
        // Cold and hot rows share the first batches (each batch is 25 rows in request order), so the cold rows
        // are written beside throttled hot ones, and all of them start before the deadline.
        var rows = cold.Zip(hot).SelectMany(pair => new[] { pair.First, pair.Second }).Concat(hot.Skip(ColdRows)).ToList();
        bool IsHot(int index) => index >= 2 * ColdRows || index % 2 == 1;

        var answer = await IngestCalls.PostAsync(stack.Http, "readings", rows);

        Assert.Equal(HttpStatusCode.MultiStatus, answer.Status);
        Assert.All(answer.Body.Rows, r => Assert.True(IsHot(r.Index), $"row {r.Index} of a cold device came back {r.Status} ({r.Reason})"));
        Assert.Contains(answer.Body.Rows, r => r.Reason == RetryReasons.Throttled);
        Assert.Equal(HotRows + ColdRows - answer.Body.Summary.Retry, answer.Body.Summary.Stored);
        // The bound itself: whatever the speed of this machine, the hot key cannot have taken more than one
        // second of burst plus 1,000 units for each second the request lasted.
        using var store = stack.Stack.Store.CreateClient();
        var storedHot = await StoredRows.CountAsync(store, "readings", "deviceId", $"hot-{run}");
        Assert.InRange(storedHot * HotRowUnits, 1, 1000 * (1 + answer.Elapsed.TotalSeconds));
        Assert.Equal(ColdRows, await StoredRows.CountAsync(store, "readings", "deviceId", $"cold-{run}-"));
        Assert.Contains("on hot partition keys", stack.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_SDK_reads_the_unprocessed_items_of_a_rewritten_answer_whose_crc32_it_checks()
    {
        using var client = LocalDynamoDbClient.Create(stack.Stack.Capacity.Endpoint);
        var device = "sdk-" + Guid.NewGuid().ToString("N")[..8];
        // 25 items of 99 write units on one partition key value: 10 fit its 1,000 units, 15 do not.
        var items = Enumerable.Range(0, 25).Select(i => new Dictionary<string, AttributeValue>
        {
            ["deviceId"] = new(device),
            ["ts"] = new($"2026-01-01T00:00:{i:D2}Z"),
            ["payload"] = new(new string((char)('a' + i), 101_000)),
        }).ToList();

        var response = await client.BatchWriteItemAsync(new BatchWriteItemRequest
        {
            RequestItems = new() { ["readings"] = [.. items.Select(i => new WriteRequest(new PutRequest(i)))] },
        });

        var unprocessed = response.UnprocessedItems["readings"].Select(w => w.PutRequest.Item).ToList();
        Assert.Equal(items.Skip(10).Select(i => i["ts"].S), unprocessed.Select(i => i["ts"].S));
        Assert.Equal(items.Skip(10).Select(i => i["payload"].S), unprocessed.Select(i => i["payload"].S));
        var stored = await client.GetItemAsync("readings", new() { ["deviceId"] = new(device), ["ts"] = new("2026-01-01T00:00:09Z") });
        Assert.Equal(items[9]["payload"].S, stored.Item["payload"].S);
    }

    private static string Reading(string device, int second, string? note) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"deviceId":"{{device}}","ts":"{{new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(second):yyyy-MM-ddTHH:mm:ssZ}}","temperature":21.5{{(note is null ? "" : $",\"note\":\"{note}\"")}}}""");
}
