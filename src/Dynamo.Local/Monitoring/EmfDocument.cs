using System.Text.Json;

namespace Dynamo.Local.Monitoring;

/// <summary>
/// The metrics of one CloudWatch Embedded Metric Format log line, read as CloudWatch Logs reads them: each directive
/// of <c>_aws.CloudWatchMetrics</c> names a namespace, its dimension sets and its metrics; each metric's value is the
/// root member of its name (a number, or an array of numbers), each dimension's value the root string of its name.
/// A line that is not EMF, or a dimension set whose values are missing, gives no datapoint, as CloudWatch drops them.
/// </summary>
internal static class EmfDocument
{
    public static IReadOnlyList<EmfDatapoint> Read(string line)
    {
        if (!line.StartsWith('{') || !line.Contains("\"_aws\"", StringComparison.Ordinal)) return [];
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("_aws", out var aws) || aws.ValueKind != JsonValueKind.Object
                || !aws.TryGetProperty("CloudWatchMetrics", out var directives) || directives.ValueKind != JsonValueKind.Array)
                return [];
            var datapoints = new List<EmfDatapoint>();
            foreach (var directive in directives.EnumerateArray())
                Read(root, directive, datapoints);
            return datapoints;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static void Read(JsonElement root, JsonElement directive, List<EmfDatapoint> datapoints)
    {
        if (directive.ValueKind != JsonValueKind.Object
            || !directive.TryGetProperty("Namespace", out var ns) || ns.ValueKind != JsonValueKind.String
            || !directive.TryGetProperty("Metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Array)
            return;
        var dimensionSets = new List<IReadOnlyDictionary<string, string>>();
        if (directive.TryGetProperty("Dimensions", out var sets) && sets.ValueKind == JsonValueKind.Array)
            foreach (var set in sets.EnumerateArray())
                if (DimensionValues(root, set) is { } values) dimensionSets.Add(values);
        if (dimensionSets.Count == 0) dimensionSets.Add(new Dictionary<string, string>(StringComparer.Ordinal));

        foreach (var metric in metrics.EnumerateArray())
        {
            if (metric.ValueKind != JsonValueKind.Object || !metric.TryGetProperty("Name", out var name) || name.ValueKind != JsonValueKind.String
                || !root.TryGetProperty(name.GetString()!, out var value))
                continue;
            var unit = metric.TryGetProperty("Unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "None";
            var numbers = value.ValueKind switch
            {
                JsonValueKind.Number => [value.GetDouble()],
                JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).ToArray(),
                _ => Array.Empty<double>(),
            };
            foreach (var dimensions in dimensionSets)
                foreach (var number in numbers)
                    datapoints.Add(new EmfDatapoint(ns.GetString()!, name.GetString()!, unit, dimensions, number));
        }
    }

    private static Dictionary<string, string>? DimensionValues(JsonElement root, JsonElement set)
    {
        if (set.ValueKind != JsonValueKind.Array) return null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dimension in set.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.String) return null;
            var key = dimension.GetString()!;
            if (!root.TryGetProperty(key, out var value) || value.ValueKind != JsonValueKind.String) return null;
            values[key] = value.GetString()!;
        }
        return values;
    }
}

/// <summary>One value of one metric in one dimension set, as an EMF line defines it.</summary>
internal sealed record EmfDatapoint(string Namespace, string Name, string Unit, IReadOnlyDictionary<string, string> Dimensions, double Value)
{
    /// <summary>Namespace, name and dimensions: what CloudWatch keys a metric by.</summary>
    public string Key => $"{Namespace}|{Name}|{string.Join(",", Dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"))}";
}
