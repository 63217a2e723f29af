using Dynamo.Local.Workers;

namespace Dynamo.Local.Tests.Workers;

/// <summary>Lambda's REPORT line: its exact format, the billed duration rounded up to the next ms, and reading it back.</summary>
public class PlatformReportTests
{
    [Theory]
    [InlineData(12.0, null, 12)]
    [InlineData(12.01, null, 13)]        // rounded up to the next millisecond, never to the nearest
    [InlineData(0.2, null, 1)]
    [InlineData(2.5, 100.51, 104)]       // a cold start bills the Init too (provided.al2023; every runtime since August 2025)
    public void The_billed_duration_is_the_duration_rounded_up_to_the_next_millisecond(double ms, double? initMs, long billed) =>
        Assert.Equal(billed, PlatformReport.BilledMilliseconds(TimeSpan.FromMilliseconds(ms), initMs is { } init ? TimeSpan.FromMilliseconds(init) : null));

    [Fact]
    public void The_line_is_lambdas_own_and_reads_back()
    {
        var warm = PlatformReport.Line("8f2e-1", TimeSpan.FromMilliseconds(12.344), 1024, 87);
        var cold = PlatformReport.Line("8f2e-2", TimeSpan.FromMilliseconds(3.2), 256, 40, TimeSpan.FromMilliseconds(95.125));

        Assert.Equal("REPORT RequestId: 8f2e-1\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 1024 MB\tMax Memory Used: 87 MB", warm);
        Assert.Equal("REPORT RequestId: 8f2e-2\tDuration: 3.20 ms\tBilled Duration: 99 ms\tMemory Size: 256 MB\tMax Memory Used: 40 MB\tInit Duration: 95.13 ms", cold);
        Assert.Equal((13L, 1024, 87), PlatformReport.Read(warm));
        Assert.Equal((99L, 256, 40), PlatformReport.Read(cold));
        Assert.Null(PlatformReport.Read("""{"level":"info","message":"REPORT RequestId: x"}"""));
    }

    [Fact]
    public void The_peak_resident_set_is_read_from_proc() =>
        Assert.InRange(PlatformReport.PeakResidentMb(Environment.ProcessId) ?? 0, 1, 1_000_000);
}
