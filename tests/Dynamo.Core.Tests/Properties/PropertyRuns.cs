namespace Dynamo.Core.Tests.Properties;

/// <summary>
/// How many generated cases each property tries: a bounded number in the regular test run (seconds),
/// or DYNAMO_PROPERTY_ITERATIONS when set (scripts/test.sh --fuzz runs the properties at volume with it).
/// </summary>
internal static class PropertyRuns
{
    public static int Iterations(int bounded) =>
        int.TryParse(Environment.GetEnvironmentVariable("DYNAMO_PROPERTY_ITERATIONS"), out var volume) && volume > 0
            ? Math.Max(volume, bounded)
            : bounded;
}
