namespace Dynamo.Local.Costing;

/// <summary>
/// The AWS bill of what a stack ingested, per million rows stored: a pure function of measured quantities
/// (<see cref="Usage"/>) and <see cref="Prices"/> (docs/cost.md, "The formula per part"). A gigabyte is 2^30 bytes, as
/// AWS bills storage and log ingestion; a Lambda GB-second is 1,024 MB for 1,000 ms; DynamoDB stores 100 bytes of
/// overhead with every item. The floor is the write units of the rows alone: each row's own fields (no system
/// attribute), one unit per started KB, at the write price.
/// </summary>
public static class CostModel
{
    public const decimal BytesPerGb = 1024m * 1024m * 1024m;
    /// <summary>DynamoDB's per-item storage overhead ("DynamoDB item sizes and formats": 100 bytes for indexing).</summary>
    public const int ItemOverheadBytes = 100;
    public const decimal MbMsPerGbSecond = 1024m * 1000m;
    private const decimal Million = 1_000_000m;

    public const string ApiGateway = "API Gateway requests";
    public const string LambdaRequests = "Lambda requests";
    public const string LambdaCompute = "Lambda compute (GB-s)";
    public const string DynamoDbWrites = "DynamoDB writes (WRU)";
    public const string DynamoDbStorage = "DynamoDB storage (GB-month)";
    public const string CloudWatchLogs = "CloudWatch Logs ingestion";

    /// <exception cref="ArgumentException">No row was stored: there is no bill per row.</exception>
    public static Bill Of(Usage usage, Prices prices)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(prices);
        var rows = usage.Tables.Sum(t => t.RowsStored);
        if (rows <= 0) throw new ArgumentException("No row was stored: a bill per million rows needs rows.", nameof(usage));

        var invocations = usage.Functions.Sum(f => f.Invocations);
        var gbSeconds = usage.Functions.Sum(f => (decimal)f.BilledMbMs) / MbMsPerGbSecond;
        var writeUnits = usage.Tables.Sum(t => t.WriteUnits);
        // Each table's rows stored, at the average size of the items it stored (a resend replaces an item with itself).
        var storedBytes = usage.Tables.Where(t => t.ItemsPut > 0).Sum(t => t.RowsStored * ((decimal)t.ItemBytes / t.ItemsPut + ItemOverheadBytes));
        var floorUnits = usage.Tables.Where(t => t.ItemsPut > 0).Sum(t => t.RowsStored * ((decimal)t.RowUnits / t.ItemsPut));
        var logBytes = usage.Api.AccessLogBytes + usage.Functions.Sum(f => f.LogBytes);

        var parts = new List<BillPart>
        {
            Part(ApiGateway, usage.Api.BilledRequests, "requests", usage.Api.BilledRequests * prices.ApiRequestsPerMillion / Million, rows),
            Part(LambdaRequests, invocations, "invocations", invocations * prices.LambdaRequestsPerMillion / Million, rows),
            Part(LambdaCompute, gbSeconds, "GB-s", gbSeconds * prices.LambdaGbSecond, rows),
            Part(DynamoDbWrites, writeUnits, "WRU", writeUnits * prices.WriteUnitsPerMillion / Million, rows),
            Part(DynamoDbStorage, storedBytes / BytesPerGb * prices.StorageMonths, "GB-month", storedBytes / BytesPerGb * prices.StorageGbMonth * prices.StorageMonths, rows),
            Part(CloudWatchLogs, logBytes / BytesPerGb, "GB", logBytes / BytesPerGb * prices.LogsIngestedGb, rows),
        };
        var total = parts.Sum(p => p.DollarsPerMillionRows);
        var floor = floorUnits * prices.WriteUnitsPerMillion / Million / rows * Million;
        return new Bill(
            rows,
            [.. parts.Select(p => p with { Share = total == 0 ? 0 : p.DollarsPerMillionRows / total })],
            total,
            floor,
            floor == 0 ? null : total / floor,
            floorUnits,
            storedBytes / rows);
    }

    private static BillPart Part(string name, decimal quantity, string unit, decimal dollars, long rows) =>
        new(name, quantity, unit, dollars, dollars / rows * Million, 0);
}

/// <param name="Rows">Rows stored (the dollars below are per million of them).</param>
/// <param name="FloorUnits">The write units the rows alone would take (own fields, per started KB).</param>
/// <param name="StoredBytesPerRow">Bytes stored per row: the item with its system attributes, plus DynamoDB's 100 bytes of overhead.</param>
public sealed record Bill(long Rows, IReadOnlyList<BillPart> Parts, decimal TotalPerMillionRows, decimal FloorPerMillionRows, decimal? TotalOverFloor,
    decimal FloorUnits, decimal StoredBytesPerRow);

/// <param name="Quantity">What was measured, in <paramref name="Unit"/>, for all the rows.</param>
/// <param name="Dollars">What it costs for all the rows.</param>
/// <param name="Share">Its part of the total, 0 to 1.</param>
public sealed record BillPart(string Name, decimal Quantity, string Unit, decimal Dollars, decimal DollarsPerMillionRows, decimal Share);
