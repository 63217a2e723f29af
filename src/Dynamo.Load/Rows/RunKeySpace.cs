using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Core.Rows;

namespace Dynamo.Load.Rows;

/// <summary>
/// The keys of one run: every partition key value starts with the run id, so the run's rows can be told apart
/// from anyone else's (and found, and deleted). Rows spread over one partition key each unless hot keys
/// concentrate them on K values, which needs a sort key to keep the rows distinct.
/// </summary>
internal sealed class RunKeySpace
{
    private readonly DateTimeOffset origin;
    private readonly int hotKeys;

    private RunKeySpace(string runId, string partitionKey, string? sortKey, SortKeyKind sortKind, DateTimeOffset origin, int hotKeys)
    {
        RunId = runId;
        PartitionKey = partitionKey;
        SortKey = sortKey;
        SortKind = sortKind;
        this.origin = origin;
        this.hotKeys = hotKeys;
    }

    public string RunId { get; }
    public string PartitionKey { get; }
    public string? SortKey { get; }
    public SortKeyKind SortKind { get; }

    /// <param name="hotKeys">0: one partition key value per row; K: the rows share K partition key values.</param>
    /// <exception cref="LoadSetupException">The dataset's keys cannot carry a run id, or hot keys without a sort key.</exception>
    public static RunKeySpace For(DatasetDescription dataset, string runId, DateTimeOffset origin, int hotKeys)
    {
        var properties = dataset.Schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (dataset.PartitionKey is not { } partitionKey)
            throw new LoadSetupException($"Dataset '{dataset.Name}' has no key fields (its key is a hash of the row), so a run cannot own its keys; pick a dataset with a partition key.");
        if (TypeOf(properties, partitionKey) is not ("string", null))
            throw new LoadSetupException($"Dataset '{dataset.Name}': the partition key '{partitionKey}' is not a plain string, so it cannot carry the run id.");
        var sortKind = dataset.SortKey is not { } sortKey ? SortKeyKind.None : TypeOf(properties, sortKey) switch
        {
            ("string", "date-time") => SortKeyKind.DateTime,
            ("string", _) => SortKeyKind.Text,
            ("number" or "integer", _) => SortKeyKind.Number,
            var (type, _) => throw new LoadSetupException($"Dataset '{dataset.Name}': cannot make values for the sort key '{sortKey}' of type {type ?? "unknown"}."),
        };
        if (hotKeys > 0 && sortKind == SortKeyKind.None)
            throw new LoadSetupException($"--hot-keys needs a dataset with a sort key (rows sharing a partition key must differ in the sort key); '{dataset.Name}' has only '{partitionKey}'.");
        // Whole seconds: a date-time sort key then needs no more than millisecond digits.
        var start = new DateTimeOffset(origin.UtcTicks - origin.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return new RunKeySpace(runId, partitionKey, dataset.SortKey, sortKind, start, hotKeys);
    }

    /// <summary>The partition key value of row <paramref name="row"/> (0, 1, ... over the whole run).</summary>
    public string PartitionValue(long row) => hotKeys > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{RunId}-hot{row % hotKeys}")
        : string.Create(CultureInfo.InvariantCulture, $"{RunId}-{row:D9}");

    /// <summary>Writes the key fields of row <paramref name="row"/>.</summary>
    public void Write(Utf8JsonWriter writer, long row)
    {
        writer.WriteString(PartitionKey, PartitionValue(row));
        switch (SortKind)
        {
            case SortKeyKind.DateTime:
                writer.WriteString(SortKey!, RowPreparer.FormatUtc(origin.AddMilliseconds(row)));
                break;
            case SortKeyKind.Text:
                writer.WriteString(SortKey!, row.ToString("D12", CultureInfo.InvariantCulture));
                break;
            case SortKeyKind.Number:
                writer.WriteNumber(SortKey!, row);
                break;
        }
    }

    /// <summary>The DynamoDB key of row <paramref name="row"/>, as the store keeps it.</summary>
    public Dictionary<string, AttributeValue> Key(long row)
    {
        var key = new Dictionary<string, AttributeValue>(2) { [PartitionKey] = new() { S = PartitionValue(row) } };
        switch (SortKind)
        {
            case SortKeyKind.DateTime:
                key[SortKey!] = new AttributeValue { S = RowPreparer.FormatUtc(origin.AddMilliseconds(row)) };
                break;
            case SortKeyKind.Text:
                key[SortKey!] = new AttributeValue { S = row.ToString("D12", CultureInfo.InvariantCulture) };
                break;
            case SortKeyKind.Number:
                key[SortKey!] = new AttributeValue { N = row.ToString(CultureInfo.InvariantCulture) };
                break;
        }
        return key;
    }

    /// <summary>One string per stored key, to match what a scan finds against what was generated.</summary>
    public string Identity(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var partition = item.TryGetValue(PartitionKey, out var p) ? p.S ?? p.N ?? "" : "";
        if (SortKey is null) return partition;
        var sort = item.TryGetValue(SortKey, out var s) ? s.S ?? s.N ?? "" : "";
        return partition + "\u001f" + sort;
    }

    private static (string? Type, string? Format) TypeOf(JsonElement properties, string field) =>
        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(field, out var schema) && schema.ValueKind == JsonValueKind.Object
            ? (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null,
               schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String ? format.GetString() : null)
            : (null, null);
}
