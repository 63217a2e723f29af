using System.Text.Json;
using Dynamo.Contracts;
using Dynamo.Local.Store;

namespace Dynamo.Load.Tests;

/// <summary>The shipped datasets as GET /datasets describes them, on a table of the test's choosing.</summary>
internal static class TestDatasets
{
    public static DatasetDescription Readings(string table = "readings") => Describe("readings", table, "deviceId", "ts");

    public static DatasetDescription Orders(string table = "orders") => Describe("orders", table, "orderId", null);

    public static DatasetDescription Inventory(string table = "inventory") => Describe("inventory", table, "sku", null, versionField: "updatedAt");

    private static DatasetDescription Describe(string name, string table, string partitionKey, string? sortKey, string? versionField = null)
    {
        var path = Path.Combine(RepositoryRoot.Find(), "src", "Dynamo.Core", "Datasets", "Declarations", name + ".json");
        using var declaration = JsonDocument.Parse(File.ReadAllText(path));
        return new DatasetDescription
        {
            Name = name,
            Table = table,
            PartitionKey = partitionKey,
            SortKey = sortKey,
            VersionField = versionField,
            Schema = declaration.RootElement.GetProperty("schema").Clone(),
        };
    }
}
