using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Dynamo.Client;
using Dynamo.Contracts;
using Dynamo.Load.Cleanup;
using Dynamo.Load.Measuring;
using Dynamo.Load.Reporting;
using Dynamo.Load.Rows;
using Dynamo.Load.Scheduling;
using Dynamo.Load.Verifying;

namespace Dynamo.Load;

/// <summary>
/// One load run: asks the API for the dataset, starts requests on the schedule (each a <see cref="IngestClient"/>
/// send of fresh rows, so resends are the consumers' own), waits for the resends to drain, reads every row back,
/// optionally deletes them, and returns the report. An updates run (<see cref="Scenarios.Scenario.Updates"/>) sends
/// the versions of <see cref="UpdatePlan"/> instead of fresh rows and reads back each key's newest version.
/// </summary>
public sealed class LoadRun(LoadOptions options, IAmazonDynamoDB? dynamo, TextWriter progress, TimeProvider time)
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);
    private const int MaxConnections = 1024;
    /// <summary>The highest backoff between resends of one request (see where it is used).</summary>
    internal static readonly TimeSpan ResendCeiling = TimeSpan.FromSeconds(2);

    /// <exception cref="LoadSetupException">The dataset is unknown, or its rows cannot be made.</exception>
    /// <exception cref="DynamoApiException">The API refused a request in a way no resend fixes (403, 404, ...).</exception>
    /// <exception cref="ReadBackException">DynamoDB did not answer the read-back.</exception>
    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        var dataset = await DescribeAsync(cancellationToken).ConfigureAwait(false);
        var startedAt = time.GetUtcNow();
        var runId = RunIds.New(startedAt);
        var updates = options.Scenario == Scenarios.Scenario.Updates
            ? UpdatePlan.For(dataset, runId, options.Seed, options.RowsPerRequest, options.HotKeys, startedAt)
            : null;
        var rows = updates is null ? RunRows.For(dataset, runId, options.Seed, options.RowsPerRequest, options.HotKeys, startedAt) : null;
        var keySpace = updates?.Keys ?? rows!.Keys;
        Func<long, JsonElement[]> request = updates is null ? rows!.Request : updates.Request;
        var profile = options.Profile();
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Run {runId}: {options.Scenario.ToString().ToLowerInvariant()} load on '{dataset.Name}' (table {dataset.Table}) for {profile.Duration.TotalSeconds:0.#} s, {options.RowsPerRequest} rows a request."));
        if (updates is not null)
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Every key gets versions 1..{UpdatePlan.Versions} of '{updates.Version.Field}', each sent {UpdatePlan.Copies} times, one send by each of {UpdatePlan.SendsPerKey} consecutive requests, in a shuffled order."));

        var timeline = new LoadTimeline();
        var origin = time.GetTimestamp();
        using var handler = new ObservingHandler(timeline, time, origin, new SocketsHttpHandler
        {
            // Open-model arrivals against a slow API pile up in flight; past this many connections requests wait
            // for one inside the handler (the wait counts in their latency) instead of every new request opening
            // a socket, which on a small machine runs the generator out of file descriptors and CPU for handshakes.
            MaxConnectionsPerServer = MaxConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            AutomaticDecompression = DecompressionMethods.All,
        });
        using var http = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new IngestClient(options.Api, http);
        using var refused = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sendOptions = new SendOptions
        {
            MaxRowsPerRequest = options.RowsPerRequest,
            Concurrency = 1,
            // A load test measures the stage's throttle, so its backlog must reach the bucket as soon as tokens are
            // free. The client's 30 s ceiling (right for a lone sender) left throttled requests asleep for up to
            // 30 s after the offered load ended: the ramp against 15 rps drained in 20-33 s for a backlog of about
            // 140 requests (9.3 s of tokens). With a 2 s ceiling the backlog's resends still arrive well above the
            // stage rate (about n per second for n waiting), so the drain is the backlog at the stage rate plus ~2 s.
            MaxBackoff = ResendCeiling,
            KeyFields = [.. new[] { dataset.PartitionKey, dataset.SortKey }.OfType<string>()],
            TimeProvider = time,
            ApiKey = options.ApiKey,
        };
        var deadline = profile.Duration + options.Drain;
        var sends = new List<Task>();
        long retries = 0, stale = 0, conflicts = 0;
        // Rows the client did not get a final "stored" for: given up when the run's time ran out, or refused invalid.
        // The read-back counts them apart: a row missing from the table is lost only if it was acknowledged stored.
        var undelivered = new ConcurrentDictionary<long, byte>();
        var invalid = new ConcurrentDictionary<long, byte>();
        DynamoApiException? refusal = null;

        async Task SendAsync(Arrival arrival)
        {
            var budget = deadline - time.GetElapsedTime(origin);
            try
            {
                var result = await client.SendAsync(dataset.Name, request(arrival.Sequence).ToAsyncEnumerable(),
                    sendOptions with { TimeBudget = budget > TimeSpan.Zero ? budget : TimeSpan.FromMilliseconds(1) }, null, refused.Token).ConfigureAwait(false);
                var first = arrival.Sequence * options.RowsPerRequest;
                foreach (var row in result.UnstoredRows) undelivered[first + row.Position] = 0;
                foreach (var row in result.InvalidRows) invalid[first + row.Position] = 0;
                Interlocked.Add(ref retries, result.Retries);
                Interlocked.Add(ref stale, result.Stale);
                Interlocked.Add(ref conflicts, result.Conflict);
            }
            catch (DynamoApiException e) when (e.ErrorType == ErrorTypes.LimitExceeded)
            {
                // The key's quota is used up: this request's rows stay undelivered, the run goes on (and counts the 429s).
                var first = arrival.Sequence * options.RowsPerRequest;
                for (var row = 0; row < options.RowsPerRequest; row++) undelivered[first + row] = 0;
            }
            catch (DynamoApiException e)
            {
                Interlocked.CompareExchange(ref refusal, e, null);
                await refused.CancelAsync().ConfigureAwait(false);
            }
        }

        long started;
        using (var reporter = new CancellationTokenSource())
        {
            var reporting = ReportProgressAsync(timeline, origin, reporter.Token);
            try
            {
                started = await new ArrivalScheduler(time).RunAsync(profile.Arrivals(), arrival =>
                {
                    timeline.Offer(arrival.Due, arrival.Lag);
                    sends.Add(Task.Run(() => SendAsync(arrival), CancellationToken.None));
                }, refused.Token).ConfigureAwait(false);
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"All {started:N0} requests started ({timeline.LateStarts:N0} late); waiting for the resends to drain."));
            }
            catch (OperationCanceledException) when (refusal is not null)
            {
                started = timeline.Offered;
            }
            await Task.WhenAll(sends).ConfigureAwait(false);
            await reporter.CancelAsync().ConfigureAwait(false);
            await reporting.ConfigureAwait(false);
        }
        if (refusal is not null)
            throw refusal;
        cancellationToken.ThrowIfCancellationRequested();
        var elapsed = time.GetElapsedTime(origin);

        var rowsSent = started * options.RowsPerRequest;
        var readBack = new ReadBackResult(0, 0, 0, 0, []);
        long? cleanedUp = null;
        if (dynamo is not null && !options.SkipReadBack)
        {
            progress.WriteLine(updates is null
                ? string.Create(CultureInfo.InvariantCulture, $"Reading back {rowsSent:N0} rows from {dataset.Table}.")
                : string.Create(CultureInfo.InvariantCulture, $"Reading back the newest version of {updates.KeysFor(started):N0} keys from {dataset.Table}."));
            try
            {
                var unacknowledged = new HashSet<long>(undelivered.Keys.Concat(invalid.Keys));
                if (updates is null)
                {
                    readBack = await new ReadBack(dynamo, dataset.Table, rows!, time).VerifyAsync(rowsSent, unacknowledged, null, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var newest = new LatestVersionCheck(updates, started, unacknowledged);
                    readBack = await new ReadBack(dynamo, dataset.Table, keySpace, time).VerifyAsync(newest.Keys, newest.Check, null, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException)
            {
                throw new ReadBackException($"The rows of run {runId} could not be read back from table {dataset.Table} ({e.Message.TrimEnd('.')}).", e);
            }
            if (options.Cleanup)
            {
                cleanedUp = await new RunCleanup(dynamo, dataset.Table, keySpace, time).DeleteAsync(cancellationToken).ConfigureAwait(false);
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Deleted {cleanedUp:N0} items of run {runId}."));
            }
        }

        var windows = timeline.Windows.Select(WindowReport.Of).ToList();
        var onset = ThrottleOnset.Find(windows, (int)Math.Ceiling(profile.Duration.TotalSeconds));
        return new LoadReport
        {
            RowsSent = rowsSent,
            Requests = timeline.Requests,
            RowsVerified = readBack.RowsVerified,
            Lost = readBack.Lost,
            Corrupted = readBack.Corrupted,
            Duplicated = readBack.Duplicated,
            Status = timeline.Status,
            LatencyMs = timeline.Latency,
            ThrottleOnsetRps = onset?.OfferedRps,
            ThrottleOnsetSecond = onset?.Second,
            Retries = Interlocked.Read(ref retries),
            RowsUndelivered = undelivered.Count,
            RowsInvalid = invalid.Count,
            Stale = Interlocked.Read(ref stale),
            Conflicts = Interlocked.Read(ref conflicts),
            Keys = updates?.KeysFor(started),
            Causes = Cause.Find(timeline.Status, timeline.StoreThrottledRows, undelivered.Count, options.Drain),
            OfferedRequests = started,
            AdmittedRequests = timeline.AdmittedAnswers,
            Refused429 = timeline.Refusals,
            Client = options.Client,
            LateStarts = timeline.LateStarts,
            StartLagMs = timeline.StartLag,
            CleanedUp = cleanedUp,
            Problems = readBack.Examples,
            Run = new LoadRunDescription(runId, dataset.Name, dataset.Table, options.Api.ToString(), options.Scenario.ToString().ToLowerInvariant(),
                options.Rate, options.RampTo, profile.Duration.TotalSeconds, options.RowsPerRequest, options.HotKeys, options.Seed, startedAt,
                Math.Round(elapsed.TotalSeconds, 1)),
            Windows = windows,
        };
    }

    private async Task<DatasetDescription> DescribeAsync(CancellationToken cancellationToken)
    {
        using var discovery = new IngestClient(options.Api);
        var datasets = await discovery.GetDatasetsAsync(new SendOptions { ApiKey = options.ApiKey }, cancellationToken).ConfigureAwait(false);
        return datasets.FirstOrDefault(d => d.Name == options.Dataset)
            ?? throw new LoadSetupException($"The API has no dataset '{options.Dataset}'; it has: {string.Join(", ", datasets.Select(d => d.Name))}.");
    }

    /// <summary>Every few seconds, the last whole second: the rates, the throttled share, the tail latency.</summary>
    private async Task ReportProgressAsync(LoadTimeline timeline, long origin, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(ProgressEvery, time);
        var printed = -1;
        long admittedBefore = 0, storedBefore = 0;
        var lastTick = time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                // What was answered since the last line, counted when the answers arrived: a slow stack's answers
                // come long after the second their requests were sent in, whose window would still show none.
                var now = time.GetTimestamp();
                var seconds = Math.Max(time.GetElapsedTime(lastTick, now).TotalSeconds, 0.001);
                lastTick = now;
                var admitted = timeline.AdmittedAnswers;
                var stored = timeline.RowsStoredAnswered;
                var admittedRps = (admitted - admittedBefore) / seconds;
                var storedRows = stored - storedBefore;
                (admittedBefore, storedBefore) = (admitted, stored);
                // The second before the current one is whole; its requests may still be waiting for answers.
                var second = (int)time.GetElapsedTime(origin).TotalSeconds - 1;
                // Read under the timeline's lock: answers still arriving write into this window (a histogram read while
                // written throws).
                if (second <= printed || timeline.Read(second, WindowReport.Of) is not { } last) continue;
                printed = second;
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {last.Second,4} s: offered {last.OfferedRps} rps, sent {last.RequestsRps} rps, 429 {last.ThrottledShare:P0}, p99 {last.LatencyMs.P99:0} ms; answered since the last line: admitted {admittedRps:0.#} rps, {storedRows:N0} rows stored ({stored:N0} in all)")).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended.
        }
    }
}
