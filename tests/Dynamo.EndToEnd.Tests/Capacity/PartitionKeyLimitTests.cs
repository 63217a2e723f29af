using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;
using Dynamo.Local.Store;

namespace Dynamo.EndToEnd.Tests.Capacity;

/// <summary>No table cap, so only DynamoDB's 1,000 write units per second per partition key value limits.</summary>
public sealed class UncappedStackFixture : CapacityStackFixture
{
    protected override IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["IntegrationTimeoutMs"] = "5000",
    };
}

/// <summary>One hot partition key value is held to 1,000 write units per second; the other keys of the same table are not.</summary>
[Collection(LocalStackTests.Name)]
public sealed partial class PartitionKeyLimitTests(UncappedStackFixture stack) : IClassFixture<UncappedStackFixture>
{
    // A reading with a 48,500-character note is 47.5 KB with its system attributes: 48 write units. The writer
    // sends 25 rows a call; 22 of them ask 1,056 units of one key, more than it can ever hold (1,000), so every
    // such call is throttled in part, however fast or slow this machine is.
    private const int HotRowUnits = 48;
    private const int HotPerBatch = 22;
    private const int MixedBatches = 2;
    private const int ColdRows = 200;

    [Fact]
    public async Task A_hot_device_is_throttled_at_1000_units_per_second_while_rows_of_other_devices_in_the_same_calls_are_stored()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var note = new string('n', 48_500);
        var hotCount = 0;
        var coldCount = 0;
        string Hot() => Reading($"hot-{run}", hotCount++, note);
        string Cold() => Reading($"cold-{run}-{coldCount++}", 0, note: null);
        // Two calls of 22 hot and 3 cold rows each, then cold rows only.
        var rows = Enumerable.Range(0, MixedBatches)
            .SelectMany(_ => Enumerable.Range(0, 25).Select(i => i < HotPerBatch ? Hot() : Cold()))
            .Concat(Enumerable.Range(0, ColdRows).Select(_ => Cold()))
            .ToList();
        bool IsHot(int index) => index < 25 * MixedBatches && index % 25 < HotPerBatch;

        // Only this request's report lines count: any earlier second of traffic has been reported after a second.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var reportedBefore = stack.Console.Length;

        var answer = await IngestCalls.PostAsync(stack.Http, "readings", rows);

        Assert.Contains(answer.Status, new[] { HttpStatusCode.OK, HttpStatusCode.MultiStatus });
        Assert.All(answer.Body.Rows, r => Assert.True(IsHot(r.Index), $"row {r.Index} of a cold device came back {r.Status} ({r.Reason})"));
        using var store = stack.Stack.Store.CreateClient();
        Assert.Equal(coldCount, await StoredRows.CountAsync(store, "readings", "deviceId", $"cold-{run}-"));
        // The limit itself: whatever the speed of this machine, the hot key cannot have taken more than one second
        // of burst plus 1,000 units for each second the request lasted...
        var storedHot = await StoredRows.CountAsync(store, "readings", "deviceId", $"hot-{run}");
        Assert.InRange(storedHot * HotRowUnits, 0, 1000 * (1 + answer.Elapsed.TotalSeconds));
        // ...and the emulation reported the refusals as hot-key ones.
        await Task.Delay(TimeSpan.FromSeconds(1.5));                    // the report comes once a second
        Assert.Contains(HotKeyLine().Matches(stack.Console[reportedBefore..]), m => int.Parse(m.Groups["hot"].Value, CultureInfo.InvariantCulture) > 0);
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

    [GeneratedRegex(@"^capacity readings: .* items refused \((?<hot>\d+) on hot partition keys\)", RegexOptions.Multiline)]
    private static partial Regex HotKeyLine();

    private static string Reading(string device, int second, string? note) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"deviceId":"{{device}}","ts":"{{new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(second):yyyy-MM-ddTHH:mm:ssZ}}","temperature":21.5{{(note is null ? "" : $",\"note\":\"{note}\"")}}}""");
}
