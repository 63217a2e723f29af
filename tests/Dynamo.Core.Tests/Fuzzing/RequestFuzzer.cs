using CsCheck;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Dynamo.Core.Datasets;
using Dynamo.Core.Rows;

namespace Dynamo.Core.Tests.Fuzzing;

/// <summary>
/// Runs <see cref="RequestInvariants"/> on a stream of bodies for a given time: mutated seeds, splices,
/// and freshly generated bodies. A body that throws or runs past the per-input limit is saved as
/// <c>{dataset}--{crash|hang}-{hash}.body</c> (and a <c>.txt</c> saying why) in the findings folder;
/// copied into Fuzzing/Findings it becomes a regular test.
/// </summary>
internal sealed class RequestFuzzer(int seed, string findingsDirectory)
{
    public sealed record Report(long Inputs, TimeSpan Elapsed, long Bytes, IReadOnlyList<string> Findings, IReadOnlyDictionary<string, long> Outcomes)
    {
        public double InputsPerSecond => Inputs / Math.Max(Elapsed.TotalSeconds, 1e-9);

        public override string ToString() =>
            $"fuzz: {Inputs:N0} inputs in {Elapsed.TotalSeconds:N0} s ({InputsPerSecond:N0} inputs/s, {Bytes / 1e6:N0} MB), {Findings.Count} findings\n"
            + string.Join("\n", Outcomes.OrderBy(o => o.Key).Select(o => $"  {o.Key}: {o.Value:N0}"))
            + string.Concat(Findings.Select(f => "\n  finding: " + f));
    }

    private sealed record Input(Dataset Dataset, byte[] Body);

    /// <summary>The body the worker is checking and when it started (one object, so the watchdog never pairs a body with another's start).</summary>
    private sealed record Running(Input Input, long StartedAt);

    private readonly Random _random = new(seed);
    private readonly Dictionary<string, long> _outcomes = [];
    private readonly List<string> _findings = [];
    private Queue<Input> _generated = new();
    private List<byte[]> _seeds = [];

    /// <param name="perInput">Longer than this for one body is a hang.</param>
    public Report Run(TimeSpan duration, TimeSpan perInput, IEnumerable<byte[]> savedFindings)
    {
        _seeds = RequestCorpus.Seeds(savedFindings);
        var clock = Stopwatch.StartNew();
        long inputs = 0, bytes = 0;
        Running? current = null;
        var stop = false;
        var worker = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                var input = Next();
                Volatile.Write(ref current, new Running(input, clock.ElapsedTicks));
                try
                {
                    var outcome = RequestInvariants.Check(input.Dataset, input.Body);
                    Count(outcome.Error is { } error ? $"request error {error}" : "bodies with rows");
                    Count("rows accepted", outcome.Accepted);
                    Count("rows invalid", outcome.Invalid);
                    Count("rows duplicate", outcome.Duplicate);
                }
                catch (Exception e)
                {
                    Save(input, "crash", e.ToString());
                }
                Volatile.Write(ref current, null);
                Interlocked.Increment(ref inputs);
                Interlocked.Add(ref bytes, input.Body.Length);
            }
        }) { IsBackground = true, Name = "fuzz worker" };
        worker.Start();
        while (clock.Elapsed < duration)
        {
            Thread.Sleep(50);
            var running = Volatile.Read(ref current);
            if (running is null) continue;
            var took = Stopwatch.GetElapsedTime(running.StartedAt, clock.ElapsedTicks);
            if (took < perInput) continue;
            // The worker is stuck on this body: save it and stop (a background thread does not keep the process alive).
            Save(running.Input, "hang", $"still running after {took.TotalSeconds:N1} s (limit {perInput.TotalSeconds:N1} s)");
            return Result(Interlocked.Read(ref inputs), clock.Elapsed, Interlocked.Read(ref bytes));
        }
        Volatile.Write(ref stop, true);
        worker.Join();
        return Result(inputs, clock.Elapsed, bytes);
    }

    private Report Result(long inputs, TimeSpan elapsed, long bytes)
    {
        lock (_findings)
        lock (_outcomes)
            return new Report(inputs, elapsed, bytes, [.. _findings], new Dictionary<string, long>(_outcomes));
    }

    private void Count(string what, long n = 1)
    {
        lock (_outcomes) _outcomes[what] = _outcomes.GetValueOrDefault(what) + n;
    }

    private Input Next()
    {
        var datasets = RequestCorpus.Datasets;
        var dataset = datasets[_random.Next(datasets.Count)];
        switch (_random.Next(2000))
        {
            case < 800:
                return new Input(dataset, new RequestMutator(_random).Mutate(Pick(), Pick()));
            case < 1700:
                if (_generated.Count == 0) Refill();
                return _generated.Dequeue();
            case < 1998:
                // Generated bodies enter the seed pool, so mutations reach every dataset's rows.
                var fresh = Next();
                if (_seeds.Count < 5000) _seeds.Add(fresh.Body);
                return fresh;
            default:
                return new Input(dataset, Big());
        }
    }

    private byte[] Pick() => _seeds[_random.Next(_seeds.Count)];

    private void Refill()
    {
        foreach (var dataset in RequestCorpus.Datasets)
            foreach (var body in RequestCorpus.Bodies(dataset).List[30].Single())
                _generated.Enqueue(new Input(dataset, body));
        _generated = new Queue<Input>(_generated.OrderBy(_ => _random.Next()));
    }

    /// <summary>Bodies at the request limits: 5,000 rows and one more, a body of 5 MB and one byte more, a huge string.</summary>
    private byte[] Big() => _random.Next(4) switch
    {
        0 => ManyRows(RequestLimits.MaxRows + _random.Next(2)),
        1 => Padded(RequestLimits.MaxBodyBytes + _random.Next(2)),
        2 => Encoding.UTF8.GetBytes($"{{\"rows\":[{{\"orderId\":\"{new string('x', 2000 + _random.Next(400_000))}\",\"deviceId\":\"{new string('é', _random.Next(1100))}\",\"ts\":\"2026-01-01T00:00:00Z\",\"kind\":\"a\"}}]}}"),
        _ => Encoding.UTF8.GetBytes($"{{\"rows\":[{{\"kind\":1,\"deep\":{new string('[', 33)}{new string(']', 33)},\"n\":{new string('7', 100_000)}}}]}}"),
    };

    /// <summary>Rows valid in every dataset, with distinct keys.</summary>
    private static byte[] ManyRows(int count)
    {
        var body = new StringBuilder("{\"rows\":[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) body.Append(',');
            body.Append($"{{\"orderId\":\"A-{i}\",\"customer\":\"c\",\"amount\":{i}.5,\"status\":\"new\",\"createdAt\":\"2026-01-01T00:00:00Z\",");
            body.Append($"\"deviceId\":\"d-{i % 7}\",\"ts\":\"2026-01-01T00:00:{i % 60:D2}.{i:D4}+01:00\",\"kind\":\"a\"}}");
        }
        return Encoding.UTF8.GetBytes(body.Append("]}").ToString());
    }

    /// <summary>A valid body of exactly <paramref name="size"/> bytes (whitespace padding after the rows).</summary>
    private static byte[] Padded(int size)
    {
        var start = "{\"rows\":[{\"kind\":\"a\"}]"u8.ToArray();
        var body = new byte[size];
        start.CopyTo(body, 0);
        body.AsSpan(start.Length, size - start.Length - 1).Fill((byte)' ');
        body[^1] = (byte)'}';
        return body;
    }

    private void Save(Input input, string kind, string why)
    {
        var name = $"{input.Dataset.Name}--{kind}-{Convert.ToHexStringLower(SHA256.HashData(input.Body))[..12]}";
        Directory.CreateDirectory(findingsDirectory);
        File.WriteAllBytes(Path.Combine(findingsDirectory, name + ".body"), input.Body);
        File.WriteAllText(Path.Combine(findingsDirectory, name + ".txt"), why);
        lock (_findings) _findings.Add($"{name}: {why.Split('\n')[0]}");
    }
}
