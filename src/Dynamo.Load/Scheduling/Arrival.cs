namespace Dynamo.Load.Scheduling;

/// <summary>One request of the run as the scheduler started it.</summary>
/// <param name="Sequence">0, 1, 2, ... in due order: which rows the request carries.</param>
/// <param name="Due">When it was due, from the start of the run.</param>
/// <param name="Lag">How long after <paramref name="Due"/> it actually started (the generator's own delay).</param>
public readonly record struct Arrival(long Sequence, TimeSpan Due, TimeSpan Lag);
