namespace Dynamo.Load.Scenarios;

/// <summary>The shape of the offered rate over the run (<c>--scenario</c>).</summary>
public enum Scenario
{
    /// <summary>R requests per second throughout.</summary>
    Steady,
    /// <summary>R rising linearly to R2 over the whole duration: finds the rate where throttling starts.</summary>
    Ramp,
    /// <summary>R, then R2 for the middle fifth of the duration, then R again: bursts and recovery.</summary>
    Spike,
    /// <summary>Five equal plateaus from R to R2: each rate held long enough to settle.</summary>
    Step,
    /// <summary>
    /// R requests per second throughout, updating the same keys of a versioned dataset out of order: every key's
    /// versions come from several senders in a shuffled order, with resends (Rows/UpdatePlan.cs); the read-back
    /// checks that the newest version of every key won.
    /// </summary>
    Updates,
}
