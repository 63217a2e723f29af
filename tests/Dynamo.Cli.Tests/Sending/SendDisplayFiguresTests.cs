using Dynamo.Cli.Sending;
using Dynamo.Client;
using Microsoft.Extensions.Time.Testing;

namespace Dynamo.Cli.Tests.Sending;

/// <summary>What the send's progress shows: rows settled against the rows in the file, and silence noticed.</summary>
public class SendDisplayFiguresTests
{
    [Fact]
    public void The_bar_counts_rows_settled_not_the_file_read_and_stays_under_100_percent_until_the_end()
    {
        // The whole file is read (its rows counted) but nothing is settled yet: 0 %, not 100 %.
        var read = new SettledRows(Settled: 0, Counted: 20_000, BytesRead: 1_000_000, FileBytes: 1_000_000);
        Assert.Equal(0, read.Fraction(ended: false));
        Assert.True(read.FileRead);
        Assert.Equal(20_000, read.RowsInFile);

        // Every row settled while the send has not ended yet: just under 100 %; at the end, 100 %.
        var settled = read with { Settled = 20_000 };
        Assert.InRange(settled.Fraction(ended: false), 0.99, 0.9999);
        Assert.Equal(1, settled.Fraction(ended: true));
    }

    [Fact]
    public void Before_the_file_is_read_its_rows_are_estimated_from_how_far_the_rows_counted_reach()
    {
        var quarter = new SettledRows(Settled: 500, Counted: 1_000, BytesRead: 250, FileBytes: 1_000);

        Assert.False(quarter.FileRead);
        Assert.Equal(4_000, quarter.RowsInFile);
        Assert.Equal(0.125, quarter.Fraction(ended: false));
    }

    [Fact]
    public void Silence_is_noticed_after_five_seconds_repeated_every_thirty_and_its_end_said_once()
    {
        var clock = new FakeTimeProvider();
        var notice = new SilenceNotice(clock, TimeSpan.FromMinutes(30));
        var report = new SendProgress(0, 0, 0, 0, 1, 0, 0);

        Assert.Null(notice.Check(report));
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Null(notice.Check(report));
        clock.Advance(TimeSpan.FromSeconds(2));
        var first = notice.Check(report);
        Assert.NotNull(first);
        Assert.Contains("no answer from the API for 6 s", first, StringComparison.Ordinal);
        Assert.Contains("still resending until the time budget runs out (1794 s left", first, StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(notice.Check(report));
        clock.Advance(TimeSpan.FromSeconds(21));
        Assert.Contains("for 37 s", notice.Check(report), StringComparison.Ordinal);

        Assert.Equal("dynamo: the API answers again.", notice.Check(report with { Requests = 2 }));
        Assert.Null(notice.Check(report with { Requests = 3 }));
    }
}
