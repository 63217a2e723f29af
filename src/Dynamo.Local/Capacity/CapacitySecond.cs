using System.Globalization;

namespace Dynamo.Local.Capacity;

/// <summary>
/// One second of write traffic on one table, as the emulation saw it: the units it let through, the table's
/// cap (null when uncapped), and the items it refused (of which, refused for a hot partition key).
/// </summary>
public sealed record CapacitySecond(string Table, int UnitsConsumed, int? MaxWriteRequestUnits, int ItemsRefused, int ItemsRefusedOnHotKeys)
{
    /// <summary>Whole items stored (puts charged), of the writes in <see cref="UnitsConsumed"/>.</summary>
    public int ItemsPut { get; init; }
    /// <summary>Those items' sizes by DynamoDB's rules, summed.</summary>
    public long ItemBytes { get; init; }
    /// <summary>Those items' sizes without Dynamo's system attributes (names starting with '_'): the rows' own fields.</summary>
    public long RowBytes { get; init; }
    /// <summary>The write units those items would take without the system attributes: one per started KB of each row's own fields.</summary>
    public long RowUnits { get; init; }

    /// <summary>
    /// The console line: "capacity orders: 812 WCU/s used of 1000, 245 items refused". A second that began with a
    /// full bucket may use up to twice the cap (one second of burst, then the rate); the line says so.
    /// </summary>
    public override string ToString()
    {
        var allowed = MaxWriteRequestUnits is { } cap
            ? string.Create(CultureInfo.InvariantCulture, $"of {cap}{(UnitsConsumed > cap ? " (burst)" : "")}")
            : "(uncapped)";
        var hot = ItemsRefusedOnHotKeys > 0
            ? string.Create(CultureInfo.InvariantCulture, $" ({ItemsRefusedOnHotKeys} on hot partition keys)")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"capacity {Table}: {UnitsConsumed} WCU/s used {allowed}, {ItemsRefused} items refused{hot}");
    }
}

/// <summary>Where the emulation reports each second of write traffic: the console for the local stack, a list in tests.</summary>
public interface ICapacitySink
{
    void Report(CapacitySecond second);
}

/// <summary>Prints each second as one line, so a user sees why rows came back `retry`.</summary>
public sealed class ConsoleCapacitySink(TextWriter? output = null) : ICapacitySink
{
    private readonly TextWriter _output = output ?? Console.Out;

    public void Report(CapacitySecond second)
    {
        try
        {
            _output.WriteLine(second.ToString());
        }
        catch (IOException)
        {
            // The console is gone (a closed pipe): the emulation goes on without its report.
        }
    }
}
