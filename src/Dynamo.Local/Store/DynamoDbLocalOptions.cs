namespace Dynamo.Local.Store;

/// <summary>How to run DynamoDB Local: where the jar is, which port, and whether data outlives the process.</summary>
public sealed record DynamoDbLocalOptions
{
    /// <summary>The folder holding DynamoDBLocal.jar and DynamoDBLocal_lib (scripts/dynamo and scripts/test.sh fetch it).</summary>
    public required string InstallDirectory { get; init; }
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }
    /// <summary>Null keeps everything in memory; otherwise the folder of the shared database file.</summary>
    public string? DataDirectory { get; init; }
    // A JVM starting on a busy 2-core machine (a CI run builds and tests in parallel) can take tens of seconds.
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
    /// <summary>
    /// False (the default) runs the JVM with C1 only, which answers in about a third of the time on a busy machine;
    /// true lets C2 compile the hot paths too: slower to start, faster once warm, so benchmarks measure a store at
    /// its steady speed.
    /// </summary>
    public bool SteadyStateJit { get; init; }
    /// <summary>DynamoDB Local is ended when this process dies (by default, the one starting it).</summary>
    public int OwnerProcessId { get; init; } = Environment.ProcessId;

    /// <summary>The default install folder of a checkout: .tools/dynamodb-local (git-ignored).</summary>
    public static string DefaultInstallDirectory(string repositoryRoot) =>
        Path.Combine(repositoryRoot, ".tools", "dynamodb-local");
}
