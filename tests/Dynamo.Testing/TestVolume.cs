namespace Dynamo.Testing;

/// <summary>
/// How much the scenario tests (faults, the deadline, bulk sends) send: <c>DYNAMO_TEST_VOLUME=short</c>, the
/// default and what <c>scripts/test.sh</c> runs in CI, keeps each within seconds; <c>long</c>
/// (<c>scripts/test.sh --volume long</c>) runs them at the volumes of docs/reliability.md, minutes each.
/// </summary>
public static class TestVolume
{
    public const string Variable = "DYNAMO_TEST_VOLUME";

    public static bool IsLong { get; } = Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" or "short" => false,
        "long" => true,
        var other => throw new InvalidOperationException($"{Variable}={other}: expected short or long"),
    };

    public static int Of(int quick, int full) => IsLong ? full : quick;

    public static TimeSpan Of(TimeSpan quick, TimeSpan full) => IsLong ? full : quick;
}
