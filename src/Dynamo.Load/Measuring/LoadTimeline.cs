using HdrHistogram;

namespace Dynamo.Load.Measuring;

/// <summary>
/// The run second by second: arrivals counted in the second they were due, HTTP requests in the second they were
/// sent, so a window's status mix and latency describe the traffic offered in it. Also the totals over the run.
/// </summary>
internal sealed class LoadTimeline
{
    /// <summary>A request that starts this much after its due time or later counts as a late start: the generator fell behind.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMilliseconds(10);

    private readonly Lock sync = new();
    private readonly List<SecondWindow> windows = [];
    private readonly LongHistogram latency = LatencyHistogram.Create(digits: 3);
    private readonly LongHistogram lag = LatencyHistogram.Create(digits: 3);
    private readonly SortedDictionary<string, long> status = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> refusals = GatewayRefusal.Kinds.ToDictionary(kind => kind, _ => 0L, StringComparer.Ordinal);

    public long Offered { get; private set; }
    public long LateStarts { get; private set; }
    public long Requests { get; private set; }
    /// <summary>Answers with row statuses so far (the function ran), counted when they arrived.</summary>
    public long AdmittedAnswers { get { lock (sync) return admittedAnswers; } }
    /// <summary>Rows the answers so far said were stored.</summary>
    public long RowsStoredAnswered { get { lock (sync) return rowsStored; } }
    /// <summary>Rows the function told to resend because DynamoDB throttled them.</summary>
    public long StoreThrottledRows { get { lock (sync) return storeThrottledRows; } }

    private long admittedAnswers, rowsStored, storeThrottledRows;

    /// <summary>An arrival started <paramref name="lag"/> after it was due at <paramref name="due"/>.</summary>
    public void Offer(TimeSpan due, TimeSpan lag)
    {
        var late = lag >= LateAfter;
        lock (sync)
        {
            Offered++;
            if (late) LateStarts++;
            LatencyHistogram.Record(this.lag, lag);
            At(due).Offer(late);
        }
    }

    public void Record(Exchange exchange)
    {
        lock (sync)
        {
            Requests++;
            if (exchange.Admitted) admittedAnswers++;
            rowsStored += exchange.RowsStored;
            storeThrottledRows += exchange.StoreThrottledRows;
            status[exchange.StatusKey] = status.GetValueOrDefault(exchange.StatusKey) + 1;
            if (exchange.Refusal is { } refusal) refusals[refusal] = refusals.GetValueOrDefault(refusal) + 1;
            LatencyHistogram.Record(latency, exchange.Latency);
            At(exchange.Started).Record(exchange);
        }
    }

    public IReadOnlyDictionary<string, long> Status
    {
        get { lock (sync) return new SortedDictionary<string, long>(status, StringComparer.Ordinal); }
    }

    /// <summary>The gateway's 429s by limit (<see cref="GatewayRefusal.Kinds"/>), every kind present.</summary>
    public IReadOnlyDictionary<string, long> Refusals
    {
        get { lock (sync) return GatewayRefusal.Kinds.ToDictionary(kind => kind, kind => refusals[kind], StringComparer.Ordinal); }
    }

    public LatencySummary Latency
    {
        get { lock (sync) return LatencySummary.Of(latency); }
    }

    /// <summary>How late the generator started requests (0 when always on time).</summary>
    public LatencySummary StartLag
    {
        get { lock (sync) return LatencySummary.Of(lag); }
    }

    /// <summary>
    /// What <paramref name="read"/> makes of second <paramref name="second"/>'s window, read under the lock: while the
    /// run goes on, late answers still record into the second their request was sent in. Null past the last window.
    /// </summary>
    public T? Read<T>(int second, Func<SecondWindow, T> read) where T : class
    {
        lock (sync) return second < windows.Count ? read(windows[second]) : null;
    }

    /// <summary>Every second from the start to the last one with traffic, in order. Live objects: read them once the run's requests are done, or through <see cref="Read"/>.</summary>
    public IReadOnlyList<SecondWindow> Windows
    {
        get { lock (sync) return [.. windows]; }
    }

    private SecondWindow At(TimeSpan offset)
    {
        var second = (int)Math.Max(0, Math.Floor(offset.TotalSeconds));
        while (windows.Count <= second)
            windows.Add(new SecondWindow(windows.Count));
        return windows[second];
    }
}
