using System.Text;
using System.Text.Json.Nodes;
using Dynamo.Core.Datasets;
using Dynamo.Core.Rows;

namespace Dynamo.Core.Tests.Rows;

/// <summary>Builds request bodies and rows for the tests.</summary>
internal static class Requests
{
    public static readonly DatasetCatalog Catalog = DatasetCatalog.Load("");
    public static Dataset Orders => Catalog["orders"];
    public static Dataset Readings => Catalog["readings"];
    public static Dataset Inventory => Catalog["inventory"];
    public static readonly DateTimeOffset IngestedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static JsonObject Order(string orderId = "A-1") => new()
    {
        ["orderId"] = orderId,
        ["customer"] = "Ada",
        ["amount"] = 12.5m,
        ["currency"] = "EUR",
        ["status"] = "paid",
        ["createdAt"] = "2026-01-01T12:00:00Z",
    };

    public static JsonObject Stock(string sku, int quantity, string updatedAt) => new()
    {
        ["sku"] = sku,
        ["quantity"] = quantity,
        ["updatedAt"] = updatedAt,
    };

    public static JsonObject Reading(string deviceId = "d-1", string ts = "2026-01-01T00:00:00Z") => new()
    {
        ["deviceId"] = deviceId,
        ["ts"] = ts,
        ["temperature"] = 21.5m,
        ["humidity"] = 40,
    };

    public static JsonObject With(this JsonObject row, string field, JsonNode? value)
    {
        row[field] = value;
        return row;
    }

    public static JsonObject Without(this JsonObject row, string field)
    {
        row.Remove(field);
        return row;
    }

    public static byte[] Body(params JsonNode[] rows) => Encoding.UTF8.GetBytes(new JsonObject { ["rows"] = new JsonArray(rows) }.ToJsonString());

    /// <summary>A body whose rows are given as raw JSON text (for spellings JsonNode would normalise).</summary>
    public static byte[] RawBody(params string[] rows) => Encoding.UTF8.GetBytes($"{{\"rows\":[{string.Join(",", rows)}]}}");

    public static PreparedRequest Prepare(Dataset dataset, byte[] body) =>
        RowPreparer.Prepare(dataset, body, "req-1", IngestedAt);

    public static PreparedRow PrepareOne(Dataset dataset, JsonNode row)
    {
        using var request = Prepare(dataset, Body(row));
        Assert.Null(request.Error);
        return ReadWhileAlive(Assert.Single(request.Rows));
    }

    public static PreparedRow PrepareOneRaw(Dataset dataset, string row)
    {
        using var request = Prepare(dataset, RawBody(row));
        Assert.Null(request.Error);
        return ReadWhileAlive(Assert.Single(request.Rows));
    }

    // The item's JSON lives in the request's pooled memory: read it (Attributes keeps what it read) before disposing.
    private static PreparedRow ReadWhileAlive(PreparedRow row)
    {
        _ = row.Item?.Attributes;
        return row;
    }

    public static IReadOnlyList<string> ErrorsOf(Dataset dataset, JsonNode row) => PrepareOne(dataset, row).Errors ?? [];
}
