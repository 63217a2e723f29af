using System.Buffers;
using System.Text.Json;
using Dynamo.Contracts;

namespace Dynamo.Load.Rows;

/// <summary>
/// The rows of an updates run (<c>--scenario updates</c>): the run's keys are updated out of order by several
/// senders. The requests come in groups of <see cref="SendsPerKey"/> consecutive ones, each an independent sender
/// (a client send of its own, so nothing orders them against each other), and a group updates N keys of its own:
/// every request of the group carries one row of each of them, so each key is sent once by each sender. Which of a
/// key's sends carries which version is a shuffle seeded by the key: its <see cref="Versions"/> versions, each
/// sent <see cref="Copies"/> times, in an order of their own. A version's content is a function of (seed, key,
/// version) alone, so two sends of one version are identical (a resend that must answer stored or stale, never
/// conflict) and the read-back recomputes what every key must hold: the row of the highest version sent.
/// </summary>
internal sealed class UpdatePlan
{
    /// <summary>Versions 1..3 of every key.</summary>
    public const int Versions = 3;
    /// <summary>Each version sent twice, by two senders: the second is a resend the table must take without a conflict.</summary>
    public const int Copies = 2;
    public const int SendsPerKey = Versions * Copies;

    private readonly FieldValues fields;
    private readonly long seed;

    private UpdatePlan(RunKeySpace keys, VersionValues version, FieldValues fields, long seed, int rowsPerRequest)
    {
        Keys = keys;
        Version = version;
        this.fields = fields;
        this.seed = seed;
        RowsPerRequest = rowsPerRequest;
    }

    public RunKeySpace Keys { get; }
    public VersionValues Version { get; }
    public int RowsPerRequest { get; }

    /// <exception cref="LoadSetupException">The dataset has no version field, or keys or fields a run cannot make.</exception>
    public static UpdatePlan For(DatasetDescription dataset, string runId, long seed, int rowsPerRequest, int hotKeys, DateTimeOffset origin)
    {
        if (hotKeys > 0)
            throw new LoadSetupException("--hot-keys does not go with --scenario updates: an updates run puts every key in several requests already.");
        var version = VersionValues.For(dataset, origin);
        var keys = RunKeySpace.For(dataset, runId, origin, hotKeys: 0);
        var fixedFields = new[] { keys.PartitionKey, keys.SortKey, version.Field }.OfType<string>().ToArray();
        return new UpdatePlan(keys, version, FieldValues.For(dataset.Name, dataset.Schema, fixedFields, origin), seed, rowsPerRequest);
    }

    /// <summary>Keys the first <paramref name="requests"/> requests updated: those of every group they began.</summary>
    public long KeysFor(long requests) => (requests + SendsPerKey - 1) / SendsPerKey * RowsPerRequest;

    /// <summary>The key request <paramref name="sequence"/>'s row <paramref name="index"/> updates.</summary>
    public long KeyOf(long sequence, int index) => sequence / SendsPerKey * RowsPerRequest + index;

    /// <summary>The request that makes key <paramref name="key"/>'s send <paramref name="send"/> (0 .. <see cref="SendsPerKey"/>-1).</summary>
    public long RequestOf(long key, int send) => key / RowsPerRequest * SendsPerKey + send;

    /// <summary>The row position over the whole run (as the load counts undelivered rows) of key <paramref name="key"/>'s send <paramref name="send"/>.</summary>
    public long SlotOf(long key, int send) => RequestOf(key, send) * RowsPerRequest + key % RowsPerRequest;

    /// <summary>The version (1 .. <see cref="Versions"/>) key <paramref name="key"/>'s send <paramref name="send"/> carries.</summary>
    public int VersionOf(long key, int send) => Order(key)[send] % Versions + 1;

    /// <summary>The rows request <paramref name="sequence"/> carries: one version of each key of its group.</summary>
    public JsonElement[] Request(long sequence)
    {
        var send = (int)(sequence % SendsPerKey);
        var buffer = new ArrayBufferWriter<byte>(RowsPerRequest * 160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = 0; i < RowsPerRequest; i++)
            {
                var key = KeyOf(sequence, i);
                Write(writer, key, VersionOf(key, send));
            }
            writer.WriteEndArray();
        }
        var array = JsonElement.Parse(buffer.WrittenSpan);
        return [.. array.EnumerateArray()];
    }

    /// <summary>Version <paramref name="version"/> of key <paramref name="key"/>, as every send of it carries it.</summary>
    public JsonElement Row(long key, int version)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, key, version);
        return JsonElement.Parse(buffer.WrittenSpan);
    }

    private void Write(Utf8JsonWriter writer, long key, int version)
    {
        // Seeded by the version too: each version's content differs from the others' (almost surely), so the
        // read-back can tell which version the table holds by its content.
        var random = new RowRandom(seed + version, key);
        writer.WriteStartObject();
        Keys.Write(writer, key);
        Version.Write(writer, version);
        fields.Write(writer, ref random);
        writer.WriteEndObject();
    }

    /// <summary>The key's sends in their shuffled order (Fisher-Yates, seeded by the run's seed and the key).</summary>
    private int[] Order(long key)
    {
        var order = new int[SendsPerKey];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        var random = new RowRandom(~seed, key);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)random.Below(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
