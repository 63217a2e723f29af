using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Core.Rows;

namespace Dynamo.Load.Rows;

/// <summary>
/// The values a run writes in a dataset's version field: version v (1, 2, ...) is the number v, or for a date-time
/// field the run's start plus v seconds, in the UTC form the store keeps, so later versions are later instants and
/// the read-back compares them as text.
/// </summary>
internal sealed class VersionValues
{
    private readonly DateTimeOffset origin;

    private VersionValues(string field, bool dateTime, DateTimeOffset origin)
    {
        Field = field;
        IsDateTime = dateTime;
        this.origin = origin;
    }

    public string Field { get; }
    public bool IsDateTime { get; }

    /// <exception cref="LoadSetupException">The dataset has no version field, or one of a type the run cannot order.</exception>
    public static VersionValues For(DatasetDescription dataset, DateTimeOffset origin)
    {
        if (dataset.VersionField is not { } field)
            throw new LoadSetupException($"--scenario updates needs a dataset with a version field (like 'inventory'); '{dataset.Name}' has none, so the last write wins and there is no newest version to check.");
        var schema = dataset.Schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty(field, out var property) && property.ValueKind == JsonValueKind.Object ? property : default;
        var type = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var format = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        // Whole seconds, as the key space's origin: a version then needs no fraction digits.
        var start = new DateTimeOffset(origin.UtcTicks - origin.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return (type, format) switch
        {
            ("string", "date-time") => new VersionValues(field, dateTime: true, start),
            ("number" or "integer", _) => new VersionValues(field, dateTime: false, start),
            _ => throw new LoadSetupException($"Dataset '{dataset.Name}': cannot make values for the version field '{field}' of type {type ?? "unknown"}."),
        };
    }

    public void Write(Utf8JsonWriter writer, int version)
    {
        if (IsDateTime)
            writer.WriteString(Field, Text(version));
        else
            writer.WriteNumber(Field, version);
    }

    /// <summary>Version <paramref name="version"/> as the store keeps it (a date-time's text, a number's digits).</summary>
    public string Text(int version) => IsDateTime
        ? RowPreparer.FormatUtc(origin.AddSeconds(version))
        : version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The version field of a stored item, as text; null when absent.</summary>
    public string? Of(IReadOnlyDictionary<string, AttributeValue> item) =>
        item.TryGetValue(Field, out var value) ? value.S ?? value.N : null;
}
