using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Rows;
using Dynamo.Load.Rows;
using Dynamo.Load.Verifying;

namespace Dynamo.Load.Tests;

/// <summary>What the read-back of an updates run makes of each key's item, without a table.</summary>
public sealed class LatestVersionCheckTests
{
    private const int Rows = 2;
    private static readonly UpdatePlan Plan = UpdatePlan.For(TestDatasets.Inventory(), "load-run1", 11, Rows, 0, new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private static readonly long AllRequests = UpdatePlan.SendsPerKey;

    [Fact]
    public void The_newest_version_verifies_and_an_older_one_is_a_lost_update()
    {
        var check = new LatestVersionCheck(Plan, AllRequests, new HashSet<long>());

        Assert.Equal(KeyOutcome.Verified, check.Check(0, Stored(Plan.Row(0, UpdatePlan.Versions))).Outcome);
        var older = check.Check(0, Stored(Plan.Row(0, UpdatePlan.Versions - 1)));
        Assert.Equal(KeyOutcome.Lost, older.Outcome);
        Assert.StartsWith("lost update: load-run1-000000000 holds version 2026-12-03T12:00:02Z, version 2026-12-03T12:00:03Z was acknowledged", older.Example, StringComparison.Ordinal);
        Assert.Equal(Rows, check.Keys);
    }

    [Fact]
    public void An_older_version_verifies_when_every_send_of_the_newer_ones_was_given_up()
    {
        // Both sends of version 3 were given up on; the newest acknowledged version is 2.
        var newest = Enumerable.Range(0, UpdatePlan.SendsPerKey).Where(send => Plan.VersionOf(1, send) == UpdatePlan.Versions).Select(send => Plan.SlotOf(1, send));
        var check = new LatestVersionCheck(Plan, AllRequests, newest.ToHashSet());

        Assert.Equal(KeyOutcome.Verified, check.Check(1, Stored(Plan.Row(1, 2))).Outcome);
        // A given-up row may still have been written: version 3 is right too.
        Assert.Equal(KeyOutcome.Verified, check.Check(1, Stored(Plan.Row(1, 3))).Outcome);
        Assert.Equal(KeyOutcome.Lost, check.Check(1, Stored(Plan.Row(1, 1))).Outcome);
    }

    [Fact]
    public void A_missing_key_is_lost_once_any_send_was_acknowledged_and_undelivered_when_none_was()
    {
        var everySend = Enumerable.Range(0, UpdatePlan.SendsPerKey).Select(send => Plan.SlotOf(0, send)).ToHashSet();

        Assert.Equal(KeyOutcome.Undelivered, new LatestVersionCheck(Plan, AllRequests, everySend).Check(0, null).Outcome);
        var lost = new LatestVersionCheck(Plan, AllRequests, new HashSet<long>()).Check(0, null);
        Assert.Equal(KeyOutcome.Lost, lost.Outcome);
        Assert.Contains("load-run1-000000000", lost.Example, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_no_send_carried_is_corrupted()
    {
        var item = Stored(Plan.Row(0, UpdatePlan.Versions));
        item["quantity"] = new AttributeValue { N = "123456789" };

        Assert.Equal(KeyOutcome.Corrupted, new LatestVersionCheck(Plan, AllRequests, new HashSet<long>()).Check(0, item).Outcome);
    }

    [Fact]
    public void A_run_that_stopped_inside_a_group_expects_the_newest_version_its_requests_sent()
    {
        // Only the first request of the group was made: each key has exactly the version that request carried.
        var check = new LatestVersionCheck(Plan, requests: 1, new HashSet<long>());

        Assert.Equal(Rows, check.Keys);
        var version = Plan.VersionOf(0, 0);
        Assert.Equal(KeyOutcome.Verified, check.Check(0, Stored(Plan.Row(0, version))).Outcome);
        Assert.All(Enumerable.Range(1, UpdatePlan.Versions).Where(v => v != version),
            v => Assert.NotEqual(KeyOutcome.Verified, check.Check(0, Stored(Plan.Row(0, v))).Outcome));
    }

    /// <summary>The row as the store keeps it: its fields, plus the system attributes.</summary>
    private static Dictionary<string, AttributeValue> Stored(System.Text.Json.JsonElement row)
    {
        var item = Document.FromJson(row.GetRawText()).ToAttributeMap();
        item[SystemAttributes.Hash] = new AttributeValue { S = RowHash.ShortFormOfHex(CanonicalJson.Hash(row)) };
        item[SystemAttributes.Version] = new AttributeValue { N = "1796299201" };
        item[SystemAttributes.RequestId] = new AttributeValue { S = "test" };
        return item;
    }
}
