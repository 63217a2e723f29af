using System.Buffers;
using System.Text.Json;
using Dynamo.Contracts;

namespace Dynamo.Load.Rows;

/// <summary>
/// The rows of one run, each a pure function of (seed, row number): request k carries rows k*N .. k*N+N-1, and the
/// read-back asks for the same rows again instead of remembering them.
/// </summary>
internal sealed class RunRows
{
    private readonly FieldValues fields;
    private readonly long seed;

    private RunRows(RunKeySpace keys, FieldValues fields, long seed, int rowsPerRequest)
    {
        Keys = keys;
        this.fields = fields;
        this.seed = seed;
        RowsPerRequest = rowsPerRequest;
    }

    public RunKeySpace Keys { get; }
    public int RowsPerRequest { get; }

    /// <exception cref="LoadSetupException">The dataset's keys or required fields are beyond what a run can make.</exception>
    public static RunRows For(DatasetDescription dataset, string runId, long seed, int rowsPerRequest, int hotKeys, DateTimeOffset origin)
    {
        var keys = RunKeySpace.For(dataset, runId, origin, hotKeys);
        var keyFields = new[] { keys.PartitionKey, keys.SortKey }.OfType<string>().ToArray();
        return new RunRows(keys, FieldValues.For(dataset.Name, dataset.Schema, keyFields, origin), seed, rowsPerRequest);
    }

    /// <summary>The rows request <paramref name="sequence"/> carries.</summary>
    public JsonElement[] Request(long sequence)
    {
        var buffer = new ArrayBufferWriter<byte>(RowsPerRequest * 160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            for (var i = 0; i < RowsPerRequest; i++)
                Write(writer, sequence * RowsPerRequest + i);
            writer.WriteEndArray();
        }
        var array = JsonElement.Parse(buffer.WrittenSpan);
        var rows = new JsonElement[RowsPerRequest];
        var index = 0;
        foreach (var row in array.EnumerateArray())
            rows[index++] = row;
        return rows;
    }

    /// <summary>Row <paramref name="row"/> of the run (0, 1, ... across requests) as it was sent.</summary>
    public JsonElement Row(long row)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, row);
        return JsonElement.Parse(buffer.WrittenSpan);
    }

    private void Write(Utf8JsonWriter writer, long row)
    {
        var random = new RowRandom(seed, row);
        writer.WriteStartObject();
        Keys.Write(writer, row);
        fields.Write(writer, ref random);
        writer.WriteEndObject();
    }
}
