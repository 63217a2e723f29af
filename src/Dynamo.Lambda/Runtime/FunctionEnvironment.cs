using System.Globalization;

namespace Dynamo.Lambda.Runtime;

/// <summary>
/// The reserved environment variables Lambda sets for a custom runtime, read once at start-up.
/// </summary>
public sealed record FunctionEnvironment
{
    /// <summary><c>AWS_LAMBDA_RUNTIME_API</c>: host:port of the runtime API.</summary>
    public required string RuntimeApi { get; init; }
    /// <summary>
    /// <c>ANNOTATIONS_HANDLER</c>: the method name of the function to run, as Amazon.Lambda.Annotations' generated
    /// <c>Main</c> reads it (the Handler setting, <c>_HANDLER</c>, is the executable: <c>bootstrap</c>).
    /// </summary>
    public string Handler { get; init; } = "";
    public string FunctionName { get; init; } = "";
    public string FunctionVersion { get; init; } = "$LATEST";
    public int MemoryLimitInMB { get; init; }
    public string LogGroupName { get; init; } = "";
    public string LogStreamName { get; init; } = "";

    public static FunctionEnvironment FromEnvironment() => new()
    {
        RuntimeApi = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")
            ?? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set: this program runs inside Lambda or under a runtime API emulator."),
        Handler = Environment.GetEnvironmentVariable("ANNOTATIONS_HANDLER") ?? "",
        FunctionName = Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") ?? "",
        FunctionVersion = Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_VERSION") ?? "$LATEST",
        MemoryLimitInMB = int.TryParse(Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"),
            NumberStyles.None, CultureInfo.InvariantCulture, out var memory) ? memory : 0,
        LogGroupName = Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_GROUP_NAME") ?? "",
        LogStreamName = Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_STREAM_NAME") ?? "",
    };
}
