using Dynamo.Local.Capacity;

namespace Dynamo.Local.Monitoring;

/// <summary>Each second of write traffic to the console line as before, and to the monitor's table metrics.</summary>
internal sealed class MonitorCapacitySink(ICapacitySink console, StackMonitor monitor) : ICapacitySink
{
    public void Report(CapacitySecond second)
    {
        console.Report(second);
        monitor.CapacityReported(second);
    }
}
