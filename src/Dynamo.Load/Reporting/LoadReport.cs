using System.Text.Json.Serialization;
using Dynamo.Load.Measuring;

namespace Dynamo.Load.Reporting;

/// <summary>
/// report.json: the run's result (docs/load-testing.md) first, then what the run was, then the series per second the
/// charts are drawn from.
/// </summary>
public sealed record LoadReport
{
    /// <summary>Unique rows generated.</summary>
    public required long RowsSent { get; init; }
    /// <summary>HTTP requests, resends included.</summary>
    public required long Requests { get; init; }
    /// <summary>Generated rows read back with every field as sent.</summary>
    public required long RowsVerified { get; init; }
    /// <summary>Acknowledged stored to the client, then not found: what the system lost.</summary>
    public required long Lost { get; init; }
    /// <summary>Found, fields differ from what was sent.</summary>
    public required long Corrupted { get; init; }
    /// <summary>Found under this run's keys, never generated.</summary>
    public required long Duplicated { get; init; }
    public required IReadOnlyDictionary<string, long> Status { get; init; }
    public required LatencySummary LatencyMs { get; init; }
    /// <summary>The offered rate in the first second where 429s exceeded 1% of the responses; null if none.</summary>
    public required double? ThrottleOnsetRps { get; init; }

    /// <summary>The second of the run where the onset was found; null if none.</summary>
    public required int? ThrottleOnsetSecond { get; init; }
    /// <summary>Of <see cref="Requests"/>, those that resent rows already sent once (the client's retries).</summary>
    public required long Retries { get; init; }
    /// <summary>
    /// Rows the client gave up on: still being resent when the run's time (duration + drain) ran out, never
    /// acknowledged stored. Not lost: the system refused or delayed them and said so. <see cref="Causes"/> says why.
    /// </summary>
    public required long RowsUndelivered { get; init; }
    /// <summary>Rows the API refused as invalid (generated rows never should be).</summary>
    public required long RowsInvalid { get; init; }
    /// <summary>
    /// Rows the API did not write because the table held a newer version of their key (versioned datasets): settled,
    /// the newer update won. An updates run makes many: its senders race on purpose.
    /// </summary>
    public long Stale { get; init; }
    /// <summary>
    /// Rows the API did not write because the table held their version with other content (versioned datasets). An
    /// updates run sends every version with one content, so any conflict is a fault.
    /// </summary>
    public long Conflicts { get; init; }
    /// <summary>An updates run: the keys it updated, each checked for its newest version (then <see cref="RowsVerified"/> counts keys); null otherwise.</summary>
    public long? Keys { get; init; }
    /// <summary>What the run saw holding rows or requests back (stage throttle, concurrency, timeouts, ...).</summary>
    public required IReadOnlyList<Cause> Causes { get; init; }
    /// <summary>
    /// The gateway's 429s by limit: plan-rate (the API key's usage plan rate or burst), quota (its quota for the period),
    /// stage (the stage's rate or burst), plan-rate-or-stage (a rate or burst 429 that does not say whose: AWS).
    /// </summary>
    public IReadOnlyDictionary<string, long> Refused429 { get; init; } = new Dictionary<string, long>();
    /// <summary>HTTP answers with row statuses: requests the gateway let through to the function (resends included).</summary>
    public long AdmittedRequests { get; init; }
    /// <summary>Which client this was (its API key's name, or the start of its value); null without a key.</summary>
    public string? Client { get; init; }
    /// <summary>New requests the schedule offered (resends not counted).</summary>
    public required long OfferedRequests { get; init; }
    /// <summary>Of those, how many the generator started 10 ms or more after they were due: its own limit, not the system's.</summary>
    public required long LateStarts { get; init; }
    /// <summary>How late the generator started requests.</summary>
    public required LatencySummary StartLagMs { get; init; }
    /// <summary>Items deleted by --cleanup; null without it.</summary>
    public long? CleanedUp { get; init; }
    /// <summary>A few keys of lost, corrupted or duplicated rows.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    public required LoadRunDescription Run { get; init; }
    public required IReadOnlyList<WindowReport> Windows { get; init; }

    [JsonIgnore]
    public bool NothingLost => Lost == 0 && Corrupted == 0 && Duplicated == 0;

    /// <summary>Nothing lost, every row delivered and valid, no conflict: the run's exit code 0.</summary>
    [JsonIgnore]
    public bool EveryRowStored => NothingLost && RowsUndelivered == 0 && RowsInvalid == 0 && Conflicts == 0;
}
