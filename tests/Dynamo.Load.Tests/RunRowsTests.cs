using System.Text.Json;
using Dynamo.Load.Rows;

namespace Dynamo.Load.Tests;

public sealed class RunRowsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 3, 0, 0, 250, TimeSpan.Zero);

    [Fact]
    public void A_request_carries_the_rows_the_read_back_regenerates_from_the_seed()
    {
        var rows = RunRows.For(TestDatasets.Orders(), "load-run1", seed: 7, rowsPerRequest: 3, hotKeys: 0, Start);
        var again = RunRows.For(TestDatasets.Orders(), "load-run1", seed: 7, rowsPerRequest: 3, hotKeys: 0, Start);

        var request = rows.Request(2);

        Assert.Equal([.. request.Select(r => r.GetRawText())], Enumerable.Range(6, 3).Select(i => again.Row(i).GetRawText()));
        Assert.Equal("load-run1-000000006", request[0].GetProperty("orderId").GetString());
    }

    [Fact]
    public void Every_key_belongs_to_the_run_and_other_seeds_give_other_values()
    {
        var rows = RunRows.For(TestDatasets.Orders(), "load-run1", seed: 7, rowsPerRequest: 1, hotKeys: 0, Start);
        var other = RunRows.For(TestDatasets.Orders(), "load-run1", seed: 8, rowsPerRequest: 1, hotKeys: 0, Start);

        var values = Enumerable.Range(0, 50).Select(i => rows.Row(i)).ToList();

        Assert.All(values, row => Assert.StartsWith("load-run1-", row.GetProperty("orderId").GetString(), StringComparison.Ordinal));
        Assert.Equal(50, values.Select(row => row.GetProperty("orderId").GetString()).Distinct().Count());
        Assert.All(values, row => Assert.Contains(row.GetProperty("status").GetString(), new[] { "new", "paid", "shipped", "cancelled" }));
        Assert.All(values, row => Assert.True(row.GetProperty("amount").GetDecimal() >= 0));
        Assert.NotEqual(rows.Row(1).GetRawText(), other.Row(1).GetRawText());
    }

    [Fact]
    public void Hot_keys_put_the_rows_on_k_partition_values_told_apart_by_a_utc_sort_key()
    {
        var rows = RunRows.For(TestDatasets.Readings(), "load-run1", seed: 1, rowsPerRequest: 10, hotKeys: 3, Start);

        var request = rows.Request(0);

        Assert.Equal(["load-run1-hot0", "load-run1-hot1", "load-run1-hot2"],
            request.Select(r => r.GetProperty("deviceId").GetString()).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("2026-11-29T03:00:00Z", request[0].GetProperty("ts").GetString());
        Assert.Equal("2026-11-29T03:00:00.001Z", request[1].GetProperty("ts").GetString());
    }

    [Fact]
    public void Hot_keys_on_a_dataset_without_a_sort_key_are_refused()
    {
        var error = Assert.Throws<LoadSetupException>(() => RunRows.For(TestDatasets.Orders(), "load-run1", 1, 10, hotKeys: 3, Start));
        Assert.Contains("sort key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_fields_with_a_pattern_are_left_out_rather_than_made_invalid()
    {
        var row = RunRows.For(TestDatasets.Orders(), "load-run1", 1, 1, 0, Start).Row(0);

        Assert.False(row.TryGetProperty("currency", out _));
        Assert.Equal(JsonValueKind.String, row.GetProperty("createdAt").ValueKind);
    }
}
