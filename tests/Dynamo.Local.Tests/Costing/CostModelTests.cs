using Dynamo.Local.Costing;

namespace Dynamo.Local.Tests.Costing;

/// <summary>
/// The bill per million rows (docs/cost.md, "The formula per part"), each part held to a figure worked out by hand:
/// per million rows, GB = 2^30 bytes, a GB-second = 1,024 MB for 1,000 ms, DynamoDB's 100 bytes of overhead per item,
/// and the floor from the rows' own units.
/// </summary>
public class CostModelTests
{
    // 5,000 rows in one request and one invocation of 20 ms billed at 1,024 MB; 5,000 items of 924 bytes (1,024 stored
    // with the overhead) taking 1 WRU each; 1 MiB of logs.
    private static Usage FiveThousandRows(long writeUnits = 5_000, long rowUnits = 5_000, long itemBytes = 5_000L * 924) => new(
        0,
        new ApiUsage(Requests: 3, BilledRequests: 1, AccessLogBytes: 24_576),
        [new FunctionUsage("IngestFunction", Invocations: 1, BilledMs: 20, BilledMbMs: 20 * 1024, MemorySizeMb: 1024, MaxMemoryUsedMb: 90, LogBytes: 1_024 * 1_024 - 24_576, LogLines: 4)],
        [new TableUsage("orders", RowsStored: 5_000, WriteUnits: writeUnits, ItemsPut: 5_000, ItemBytes: itemBytes, RowBytes: 5_000L * 700, RowUnits: rowUnits)]);

    private static decimal PerMillion(Bill bill, string part) => bill.Parts.Single(p => p.Name == part).DollarsPerMillionRows;

    [Fact]
    public void Each_part_is_its_measured_quantity_at_its_price_per_million_rows_stored()
    {
        var bill = CostModel.Of(FiveThousandRows(), Prices.Default);

        Assert.Equal(5_000, bill.Rows);
        // One billed request ($3.50 a million) for 5,000 rows: 200 requests a million rows.
        Assert.Equal(0.0007m, PerMillion(bill, CostModel.ApiGateway));
        Assert.Equal(0.00004m, PerMillion(bill, CostModel.LambdaRequests));
        // 20 ms at 1,024 MB = 0.02 GB-s.
        Assert.Equal(0.02m * 0.0000166667m * 200, PerMillion(bill, CostModel.LambdaCompute));
        Assert.Equal(0.625m, PerMillion(bill, CostModel.DynamoDbWrites));
        // (924 + 100) bytes a row = 1,024,000,000 bytes a million rows = 0.95367431640625 GiB, at $0.25 a GB-month.
        Assert.Equal(0.95367431640625m * 0.25m, PerMillion(bill, CostModel.DynamoDbStorage));
        Assert.Equal(1024m, bill.StoredBytesPerRow);
        // 1 MiB of logs is 1/1024 GB at $0.50: for 5,000 rows, times 200.
        Assert.Equal(0.5m / 1024 * 200, PerMillion(bill, CostModel.CloudWatchLogs));
        Assert.Equal(bill.Parts.Sum(p => p.DollarsPerMillionRows), bill.TotalPerMillionRows);
        Assert.Equal(1m, bill.Parts.Sum(p => p.Share), 10);
    }

    [Fact]
    public void The_floor_is_the_rows_own_write_units_and_the_ratio_the_total_over_it()
    {
        // The system attributes push each item over a KB: 2 WRU an item stored, 1 for the row alone.
        var bill = CostModel.Of(FiveThousandRows(writeUnits: 10_000, rowUnits: 5_000, itemBytes: 5_000L * 1_100), Prices.Default);

        Assert.Equal(1.25m, PerMillion(bill, CostModel.DynamoDbWrites));
        Assert.Equal(5_000m, bill.FloorUnits);
        Assert.Equal(0.625m, bill.FloorPerMillionRows);
        Assert.Equal(bill.TotalPerMillionRows / 0.625m, bill.TotalOverFloor);
    }

    [Fact]
    public void Resends_cost_their_write_units_but_store_each_row_once()
    {
        // 10,000 puts for 5,000 rows: every row written twice.
        var usage = FiveThousandRows() with
        {
            Tables = [new TableUsage("orders", RowsStored: 5_000, WriteUnits: 10_000, ItemsPut: 10_000, ItemBytes: 10_000L * 924, RowBytes: 10_000L * 700, RowUnits: 10_000)],
        };

        var bill = CostModel.Of(usage, Prices.Default);

        Assert.Equal(1.25m, PerMillion(bill, CostModel.DynamoDbWrites));
        Assert.Equal(1024m, bill.StoredBytesPerRow);
        Assert.Equal(0.625m, bill.FloorPerMillionRows);
    }

    [Fact]
    public void The_prices_are_parameters()
    {
        var prices = Prices.Default with { WriteUnitsPerMillion = 1.25m, StorageMonths = 12, ApiRequestsPerMillion = 0 };

        var bill = CostModel.Of(FiveThousandRows(), prices);

        Assert.Equal(1.25m, PerMillion(bill, CostModel.DynamoDbWrites));
        Assert.Equal(1.25m, bill.FloorPerMillionRows);
        Assert.Equal(0.95367431640625m * 0.25m * 12, PerMillion(bill, CostModel.DynamoDbStorage));
        Assert.Equal(0m, PerMillion(bill, CostModel.ApiGateway));
    }

    [Fact]
    public void Without_a_stored_row_there_is_no_bill_per_row() =>
        Assert.Throws<ArgumentException>(() => CostModel.Of(FiveThousandRows() with { Tables = [] }, Prices.Default));
}
