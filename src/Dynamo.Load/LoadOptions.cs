using Dynamo.Load.Scenarios;

namespace Dynamo.Load;

/// <summary>One run of <c>dynamo load</c>, as its options say.</summary>
public sealed record LoadOptions
{
    /// <summary>The API with its stage, e.g. http://127.0.0.1:3000/dev.</summary>
    public required Uri Api { get; init; }
    public required string Dataset { get; init; }
    /// <summary>The API key every request carries as x-api-key (docs/api-keys.md); null sends none.</summary>
    public string? ApiKey { get; init; }
    /// <summary>How the report names the client of <see cref="ApiKey"/> (never the key's whole value).</summary>
    public string? Client { get; init; }
    public Scenario Scenario { get; init; } = Scenario.Steady;
    /// <summary>R: requests per second (where a ramp or the steps start, the base of a spike).</summary>
    public required double Rate { get; init; }
    /// <summary>R2: where a ramp or the steps end, the top of a spike.</summary>
    public double? RampTo { get; init; }
    public required TimeSpan Duration { get; init; }
    /// <summary>N fresh rows in every request.</summary>
    public required int RowsPerRequest { get; init; }
    /// <summary>0: rows spread over partition keys; K: they share K partition key values.</summary>
    public int HotKeys { get; init; }
    public long Seed { get; init; }
    /// <summary>How long resends may go on after the last request was due before the client gives up on a row.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>Delete every item under the run's keys after the read-back.</summary>
    public bool Cleanup { get; init; }
    /// <summary>Leave out the read-back (the generator's own benchmark has no table to read).</summary>
    public bool SkipReadBack { get; init; }

    public RateProfile Profile() => RateProfile.For(Scenario, Rate, RampTo ?? (Scenario == Scenario.Spike ? Rate * 4 : Rate), Duration);
}
