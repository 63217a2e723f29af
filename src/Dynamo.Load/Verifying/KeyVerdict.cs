namespace Dynamo.Load.Verifying;

/// <summary>What the read-back found under one generated key, in the terms of <see cref="ReadBackResult"/>.</summary>
internal enum KeyOutcome
{
    /// <summary>The item is what the key must hold.</summary>
    Verified,
    /// <summary>Acknowledged to the client, then not found (or, in an updates run, an older version won).</summary>
    Lost,
    /// <summary>Found with fields (or a hash) no send of the key carried.</summary>
    Corrupted,
    /// <summary>Not found, and the client never got it acknowledged: not lost.</summary>
    Undelivered,
}

/// <param name="Example">For lost and corrupted keys: a line to start looking from.</param>
internal readonly record struct KeyVerdict(KeyOutcome Outcome, string? Example)
{
    public static KeyVerdict Verified => new(KeyOutcome.Verified, null);
    public static KeyVerdict Undelivered => new(KeyOutcome.Undelivered, null);
    public static KeyVerdict Lost(string example) => new(KeyOutcome.Lost, example);
    public static KeyVerdict Corrupted(string example) => new(KeyOutcome.Corrupted, example);
}
