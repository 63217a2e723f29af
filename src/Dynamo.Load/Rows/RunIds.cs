using System.Globalization;

namespace Dynamo.Load.Rows;

/// <summary>A run's id, the prefix of all its partition key values: when it started, and random digits for two runs started together.</summary>
internal static class RunIds
{
    public static string New(DateTimeOffset startedAt) => string.Create(CultureInfo.InvariantCulture,
        $"load-{startedAt.UtcDateTime:yyyyMMdd'-'HHmmss}-{Random.Shared.Next(0x10000):x4}");
}
