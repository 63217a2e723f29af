using Dynamo.Core.Querying;

namespace Dynamo.Core.Tests.Querying;

public class FullScanWarningTests
{
    private static readonly TableKeys Readings = new("deviceId", "ts");

    [Theory]
    [InlineData("SELECT * FROM readings WHERE deviceId = 'dev-7'")]
    [InlineData("SELECT * FROM readings WHERE deviceId = ?")]
    [InlineData("SELECT * FROM readings WHERE 'dev-7' = deviceId")]
    [InlineData("SELECT * FROM readings WHERE \"deviceId\" = ? AND ts BETWEEN ? AND ?")]
    [InlineData("SELECT * FROM readings WHERE ts > ? AND deviceId IN ['dev-7', 'dev-9']")]
    [InlineData("SELECT * FROM readings WHERE deviceId IN (?, ?) AND temperature > 20")]
    [InlineData("SELECT * FROM readings WHERE (deviceId = 'a' OR deviceId = 'b') AND battery < 10")]
    [InlineData("SELECT * FROM readings WHERE deviceId = 'a' OR (deviceId = 'b' AND battery < 10)")]
    [InlineData("SELECT * FROM readings WHERE begins_with(ts, '2025') AND deviceId = ? ORDER BY ts DESC")]
    [InlineData("SELECT * FROM readings WHERE location.rack = 3 AND deviceId = ?")]
    [InlineData("SELECT * FROM readings WHERE deviceId = -1")]
    public void A_statement_that_names_its_partitions_gets_no_warning(string text) =>
        Assert.Null(FullScanWarning.For(Parse(text), Readings));

    [Theory]
    [InlineData("SELECT * FROM readings")]
    [InlineData("SELECT * FROM readings WHERE temperature > 20")]
    [InlineData("SELECT * FROM readings WHERE deviceId > 'dev-5'")]
    [InlineData("SELECT * FROM readings WHERE deviceId <> 'dev-7'")]
    [InlineData("SELECT * FROM readings WHERE begins_with(deviceId, 'dev')")]
    [InlineData("SELECT * FROM readings WHERE NOT deviceId = 'dev-7'")]
    [InlineData("SELECT * FROM readings WHERE deviceId NOT IN ['dev-7']")]
    [InlineData("SELECT * FROM readings WHERE deviceId = 'dev-7' OR battery < 10")]
    [InlineData("SELECT * FROM readings WHERE deviceId = location.owner")]
    [InlineData("SELECT * FROM readings WHERE location.deviceId = 'dev-7'")]
    [InlineData("SELECT * FROM readings WHERE \"DeviceId\" = 'dev-7'")]
    [InlineData("SELECT * FROM readings WHERE ts = 'deviceId' -- AND deviceId = 'x'")]
    [InlineData("SELECT * FROM readings WHERE deviceId IS NOT MISSING")]
    [InlineData("SELECT * FROM readings WHERE deviceId = 'a' ) (")]
    public void A_statement_without_equality_or_in_on_the_partition_key_is_warned_of_naming_the_key(string text)
    {
        var warning = FullScanWarning.For(Parse(text), Readings);

        Assert.NotNull(warning);
        Assert.Contains("full table scan", warning, StringComparison.Ordinal);
        Assert.Contains("deviceId, the partition key of table readings", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_is_named_with_its_own_partition_key()
    {
        var warning = FullScanWarning.For(Parse("SELECT * FROM orders.byCustomer WHERE orderId = 'o-1'"), new TableKeys("customer", null));

        Assert.Contains("customer, the partition key of index byCustomer of table orders", warning, StringComparison.Ordinal);
    }

    private static SelectStatement Parse(string text) =>
        SelectStatement.TryParse(text, out var statement, out var error) ? statement : throw new InvalidOperationException(error);
}
