using Dynamo.Local.Gateway;

namespace Dynamo.Local.Monitoring;

/// <summary>
/// The stage's AWS/ApiGateway metrics as API Gateway records them, one datapoint per request: Count, 4XXError and
/// 5XXError (0 or 1, so Sum is the errors and SampleCount the requests), Latency and IntegrationLatency in
/// milliseconds; and Dynamo's own breakdown the access log has too: every status, and the 429s by what refused them.
/// </summary>
internal sealed class StageMetrics(string name, TimeProvider clock)
{
    /// <summary>A 429 the ingest function answered itself: the store throttled every row (docs/http-api.md).</summary>
    public const string FunctionThrottled = "function";
    public const string QuotaExceeded = "quota";

    private readonly MetricSeries _count = new("Count", clock);
    private readonly MetricSeries _clientErrors = new("Count", clock);
    private readonly MetricSeries _serverErrors = new("Count", clock);
    private readonly MetricSeries _latency = new("Milliseconds", clock);
    private readonly MetricSeries _integrationLatency = new("Milliseconds", clock);
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, long> _statuses = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _throttledBy = new(StringComparer.Ordinal)
    {
        [GatewayResponse.StageLimit] = 0,
        [GatewayResponse.UsagePlanLimit] = 0,
        [QuotaExceeded] = 0,
        [FunctionThrottled] = 0,
    };

    public string Name { get; } = name;

    public void Answered(AccessLogEntry entry)
    {
        _count.Add(1);
        _clientErrors.Add(entry.Status is >= 400 and < 500 ? 1 : 0);
        _serverErrors.Add(entry.Status >= 500 ? 1 : 0);
        _latency.Add(entry.LatencyMs);
        if (entry.IntegrationLatencyMs is { } integration) _integrationLatency.Add(integration);
        lock (_lock)
        {
            var status = entry.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            if (entry.Status == 429)
            {
                var by = ThrottledBy(entry);
                _throttledBy[by] = _throttledBy.GetValueOrDefault(by) + 1;
            }
        }
    }

    /// <summary>What refused a 429: the stage's bucket, the key's usage plan or quota, or else the function's answer.</summary>
    public static string ThrottledBy(AccessLogEntry entry) => entry switch
    {
        { ErrorType: GatewayResponse.QuotaExceededType } => QuotaExceeded,
        { Limit: { } limit } => limit,
        _ => FunctionThrottled,
    };

    public StageSnapshot Snapshot()
    {
        var metrics = new Dictionary<string, MetricSnapshot>(StringComparer.Ordinal)
        {
            ["Count"] = _count.Snapshot(),
            ["4XXError"] = _clientErrors.Snapshot(),
            ["5XXError"] = _serverErrors.Snapshot(),
            ["Latency"] = _latency.Snapshot(),
            ["IntegrationLatency"] = _integrationLatency.Snapshot(),
        };
        lock (_lock)
            return new StageSnapshot(Name, metrics, new Dictionary<string, long>(_statuses, StringComparer.Ordinal), new Dictionary<string, long>(_throttledBy, StringComparer.Ordinal));
    }
}
