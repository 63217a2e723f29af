using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Datasets;
using Dynamo.Local.Template;

namespace Dynamo.Local.Store;

/// <summary>
/// The local tables of the datasets: one per dataset, named after it, keyed by its declared key fields,
/// created when missing. The declarations are the source; template.yaml's tables must agree with them.
/// </summary>
public static class DatasetTables
{
    /// <summary>Fails with a sentence naming the table when template.yaml's keys differ from a dataset's declaration.</summary>
    public static void CheckAgreement(DatasetCatalog catalog, StackTemplate template)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(template);
        foreach (var dataset in catalog.All)
        {
            var table = template.Tables.FirstOrDefault(t => t.Dataset == dataset.Name)
                ?? throw new TemplateException($"template.yaml has no table for the dataset '{dataset.Name}' (Metadata: {{Dynamo: {{Dataset: {dataset.Name}}}}}).");
            var declared = Describe(dataset.KeyFields.Select(key => (key.Name, key.Type.Value)));
            var templated = Describe(new[] { table.PartitionKey }.Concat(table.SortKey is null ? [] : [table.SortKey]).Select(key => (key.Name, key.Type)));
            if (declared != templated)
                throw new TemplateException($"template.yaml's table {table.LogicalId} is keyed {templated} but the dataset '{dataset.Name}' declares {declared}: make them agree.");
        }
    }

    /// <summary>Creates each dataset's table that does not exist yet (on-demand, as on AWS); returns the ones it created.</summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(IAmazonDynamoDB client, DatasetCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(catalog);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        string? start = null;
        do
        {
            var page = await client.ListTablesAsync(new ListTablesRequest { ExclusiveStartTableName = start }, cancellationToken).ConfigureAwait(false);
            existing.UnionWith(page.TableNames ?? []);
            start = page.LastEvaluatedTableName;
        } while (start is not null);

        var created = new List<string>();
        foreach (var dataset in catalog.All.Where(dataset => !existing.Contains(dataset.Table)))
        {
            await client.CreateTableAsync(new CreateTableRequest
            {
                TableName = dataset.Table,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [.. dataset.KeyFields.Select(key => new AttributeDefinition(key.Name, key.Type))],
                KeySchema = [.. dataset.KeyFields.Select((key, i) => new KeySchemaElement(key.Name, i == 0 ? KeyType.HASH : KeyType.RANGE))],
            }, cancellationToken).ConfigureAwait(false);
            created.Add(dataset.Table);
        }
        return created;
    }

    private static string Describe(IEnumerable<(string Name, string Type)> keys) =>
        string.Join(" + ", keys.Select(key => $"{key.Name} ({key.Type})"));
}
