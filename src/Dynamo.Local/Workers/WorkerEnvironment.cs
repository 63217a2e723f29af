using System.Globalization;
using Dynamo.Local.Template;

namespace Dynamo.Local.Workers;

/// <summary>
/// A worker's environment, as Lambda builds a sandbox's: the function's variables from the template, Lambda's
/// reserved variables, and DynamoDB pointed at the local store with dummy credentials. Nothing else of the
/// user's environment leaks in (no real AWS credentials or profile), except what the process needs to start.
/// </summary>
public static class WorkerEnvironment
{
    public const string Region = PseudoParameters.Region;

    // What `dotnet` and the shell need to start; everything else a sandbox would not have.
    private static readonly string[] Inherited = ["PATH", "HOME", "TMPDIR", "LANG", "DOTNET_ROOT", "DOTNET_ROOT_X64"];

    /// <param name="overrides">
    /// Replace the template's variables of the same name and the local store's endpoint (<c>DYNAMODB_ENDPOINT</c>: a
    /// test points a function at a store that is down); never Lambda's reserved ones, set after.
    /// </param>
    public static Dictionary<string, string> For(FunctionDefinition function, FunctionsExecutable executable, Uri dynamoDbEndpoint,
        IReadOnlyDictionary<string, string>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(executable);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Inherited)
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
                variables[name] = value;
        foreach (var (name, value) in function.Environment)
            variables[name] = value;
        variables["DYNAMODB_ENDPOINT"] = dynamoDbEndpoint.ToString().TrimEnd('/');
        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
            variables[name] = value;

        variables["_HANDLER"] = function.Handler;
        variables["AWS_LAMBDA_FUNCTION_NAME"] = function.LogicalId;
        variables["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        variables["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = function.MemorySizeMb.ToString(CultureInfo.InvariantCulture);
        variables["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + function.LogicalId;
        variables["AWS_LAMBDA_LOG_STREAM_NAME"] = "local/" + function.LogicalId;
        variables["LAMBDA_TASK_ROOT"] = executable.Directory;
        variables["AWS_REGION"] = Region;
        variables["AWS_DEFAULT_REGION"] = Region;
        variables["AWS_ACCESS_KEY_ID"] = "dummy";
        variables["AWS_SECRET_ACCESS_KEY"] = "dummy";
        variables["AWS_EC2_METADATA_DISABLED"] = "true";
        variables["TZ"] = ":UTC";
        // Lambda caps the sandbox at its memory size; the GC heap limit is the closest a process gets to it.
        variables["DOTNET_GCHeapHardLimit"] = ((long)function.MemorySizeMb * 1024 * 1024).ToString("x", CultureInfo.InvariantCulture);
        return variables;
    }
}
