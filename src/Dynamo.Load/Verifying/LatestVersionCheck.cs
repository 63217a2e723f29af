using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Rows;
using Dynamo.Load.Rows;

namespace Dynamo.Load.Verifying;

/// <summary>
/// What every key of an updates run must hold: the row of the highest version the client got acknowledged (stored
/// or stale, both settled), or of a higher one sent but not acknowledged (a row given up on may still have been
/// written). Any other version is a lost update, content no send carried is corruption, and a key missing after an
/// acknowledged send is lost; a key none of whose sends was acknowledged may be missing (undelivered).
/// </summary>
/// <param name="requests">The requests the run started: sends of later requests were never made.</param>
/// <param name="notAcknowledged">Row positions over the run (request * N + index) the client did not get settled: given up on or invalid.</param>
internal sealed class LatestVersionCheck(UpdatePlan plan, long requests, IReadOnlySet<long> notAcknowledged)
{
    /// <summary>Keys the run updated, 0 .. this - 1.</summary>
    public long Keys => plan.KeysFor(requests);

    public KeyVerdict Check(long key, Dictionary<string, AttributeValue>? item)
    {
        var (newestSent, newestAcknowledged) = Newest(key);
        var name = ReadBack.Describe(plan.Keys.Identity(plan.Keys.Key(key)));
        if (item is null)
            return newestAcknowledged == 0
                ? KeyVerdict.Undelivered
                : KeyVerdict.Lost($"lost: {name} (version {plan.Version.Text(newestAcknowledged)} was acknowledged)");
        for (var version = newestSent; version >= 1; version--)
        {
            if (!ReadBack.Matches(plan.Row(key, version), item))
                continue;
            return version >= newestAcknowledged
                ? KeyVerdict.Verified
                : KeyVerdict.Lost($"lost update: {name} holds version {plan.Version.Text(version)}, version {plan.Version.Text(newestAcknowledged)} was acknowledged");
        }
        return KeyVerdict.Corrupted($"corrupted: {ItemJson.ToJson(item)}");
    }

    /// <summary>The highest version of the key sent, and the highest acknowledged (0: none).</summary>
    private (int Sent, int Acknowledged) Newest(long key)
    {
        int sent = 0, acknowledged = 0;
        for (var send = 0; send < UpdatePlan.SendsPerKey && plan.RequestOf(key, send) < requests; send++)
        {
            var version = plan.VersionOf(key, send);
            sent = Math.Max(sent, version);
            if (!notAcknowledged.Contains(plan.SlotOf(key, send)))
                acknowledged = Math.Max(acknowledged, version);
        }
        return (sent, acknowledged);
    }
}
