using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Dynamo.Core.Datasets;

/// <summary>
/// Every dataset, from the declarations embedded in this assembly (Datasets/Declarations/*.json). A dataset's
/// table is named <c>DYNAMO_TABLE_PREFIX</c> + its name: template.yaml names every table
/// <c>${AWS::StackName}-&lt;dataset&gt;</c> and sets the prefix to <c>${AWS::StackName}-</c>, so a new dataset
/// needs no variable of its own (docs/datasets.md); locally the prefix is empty and tables carry the dataset's name.
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

    /// <summary>What every table's name starts with, before the dataset's name.</summary>
    public const string TablePrefixVariable = "DYNAMO_TABLE_PREFIX";

    /// <summary>The embedded declarations, table names from this process's environment.</summary>
    public static DatasetCatalog Load() => Load(Environment.GetEnvironmentVariable(TablePrefixVariable) ?? "");

    /// <summary>The embedded declarations, each table named <paramref name="tablePrefix"/> + the dataset's name.</summary>
    public static DatasetCatalog Load(string tablePrefix) =>
        new(Declarations().Select(Dataset.FromDeclaration).Select(d => d.WithTable(tablePrefix + d.Name)));

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

    public IReadOnlyList<Dataset> All { get; }

    public bool TryGet(string name, [NotNullWhen(true)] out Dataset? dataset) => _byName.TryGetValue(name, out dataset);

    public Dataset this[string name] =>
        _byName.TryGetValue(name, out var dataset) ? dataset : throw new KeyNotFoundException($"No dataset is named '{name}'.");
}
