using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Dynamo.Core.Datasets;

/// <summary>
/// Every dataset, from the declarations embedded in this assembly (Datasets/Declarations/*.json). Table
/// names come from the environment: <c>DYNAMO_TABLE_&lt;NAME&gt;</c> (upper case, '-' as '_'), defaulting
/// to the dataset's name.
/// </summary>
public sealed class DatasetCatalog
{
    private const string ResourcePrefix = "Dynamo.Datasets.";
    private readonly Dictionary<string, Dataset> _byName;

    public DatasetCatalog(IEnumerable<Dataset> datasets)
    {
        _byName = new Dictionary<string, Dataset>(StringComparer.Ordinal);
        foreach (var dataset in datasets)
            if (!_byName.TryAdd(dataset.Name, dataset))
                throw new InvalidDataException($"Dataset {dataset.Name} is declared twice.");
        All = [.. _byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
    }

    /// <summary>The embedded declarations, table names from this process's environment.</summary>
    public static DatasetCatalog Load() => Load(Environment.GetEnvironmentVariable);

    public static DatasetCatalog Load(Func<string, string?> environment) =>
        new(Declarations().Select(Dataset.FromDeclaration)
            .Select(d => d.WithTable(environment(TableVariable(d.Name)) is { Length: > 0 } table ? table : d.Name)));

    /// <summary>The embedded declaration files, as written (e.g. for a drift test against template.yaml).</summary>
    public static IEnumerable<DatasetDeclaration> Declarations()
    {
        var assembly = typeof(DatasetCatalog).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            yield return JsonSerializer.Deserialize(stream, DatasetsJsonContext.Default.DatasetDeclaration)
                ?? throw new InvalidDataException($"{resource} is not a dataset declaration.");
        }
    }

    /// <summary>"orders" -> DYNAMO_TABLE_ORDERS; "sensor-readings" -> DYNAMO_TABLE_SENSOR_READINGS.</summary>
    public static string TableVariable(string datasetName) =>
        "DYNAMO_TABLE_" + datasetName.ToUpperInvariant().Replace('-', '_');

    public IReadOnlyList<Dataset> All { get; }

    public bool TryGet(string name, [NotNullWhen(true)] out Dataset? dataset) => _byName.TryGetValue(name, out dataset);

    public Dataset this[string name] =>
        _byName.TryGetValue(name, out var dataset) ? dataset : throw new KeyNotFoundException($"No dataset is named '{name}'.");
}
