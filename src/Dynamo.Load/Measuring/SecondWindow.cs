using HdrHistogram;

namespace Dynamo.Load.Measuring;

/// <summary>What happened to the requests due or sent in one second of the run. Not thread-safe: the timeline locks.</summary>
internal sealed class SecondWindow(int second)
{
    private readonly LongHistogram latency = LatencyHistogram.Create(digits: 2);

    public int Second { get; } = second;
    /// <summary>Requests due in this second (the open-model arrivals).</summary>
    public long Offered { get; private set; }
    /// <summary>Of those, started late by the generator.</summary>
    public long LateStarts { get; private set; }
    /// <summary>HTTP requests sent in this second, resends included.</summary>
    public long Requests { get; private set; }
    /// <summary>Of those, answered by the function (not refused by the gateway).</summary>
    public long Admitted { get; private set; }
    public long RowsStored { get; private set; }
    public long RetryRows { get; private set; }
    public SortedDictionary<string, long> Status { get; } = new(StringComparer.Ordinal);

    public void Offer(bool late)
    {
        Offered++;
        if (late) LateStarts++;
    }

    public void Record(Exchange exchange)
    {
        Requests++;
        if (exchange.Admitted) Admitted++;
        RowsStored += exchange.RowsStored;
        RetryRows += exchange.RetryRows;
        Status[exchange.StatusKey] = Status.GetValueOrDefault(exchange.StatusKey) + 1;
        LatencyHistogram.Record(latency, exchange.Latency);
    }

    public long Throttled => Status.GetValueOrDefault("429");

    public LatencySummary Latency => LatencySummary.Of(latency);
}
