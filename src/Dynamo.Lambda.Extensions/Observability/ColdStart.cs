namespace Dynamo.Lambda.Extensions.Observability;

/// <summary>
/// Tells the first invocation of an execution environment from the later ones, as Powertools' ColdStart does.
/// An environment that Lambda initialised ahead of demand (provisioned concurrency) never serves a cold start.
/// </summary>
public sealed class ColdStart(string? initializationType)
{
    // Lambda sets AWS_LAMBDA_INITIALIZATION_TYPE to on-demand, provisioned-concurrency or snap-start.
    private readonly bool prewarmed = initializationType == "provisioned-concurrency";
    private int invoked;

    /// <summary>The execution environment this process is.</summary>
    public static ColdStart OfProcess { get; } = new(Environment.GetEnvironmentVariable("AWS_LAMBDA_INITIALIZATION_TYPE"));

    /// <summary>True once, for the first invocation; false for every later one.</summary>
    public bool Take() => Interlocked.Exchange(ref invoked, 1) == 0 && !prewarmed;
}
