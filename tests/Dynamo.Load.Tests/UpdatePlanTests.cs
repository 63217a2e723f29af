using System.Text;
using Dynamo.Core.Datasets;
using Dynamo.Core.Rows;
using Dynamo.Load.Rows;

namespace Dynamo.Load.Tests;

public sealed class UpdatePlanTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, 250, TimeSpan.Zero);
    private const int Rows = 4;

    private static UpdatePlan Plan(long seed = 7) => UpdatePlan.For(TestDatasets.Inventory(), "load-run1", seed, Rows, hotKeys: 0, Start);

    [Fact]
    public void Each_key_is_sent_once_by_every_request_of_its_group_with_every_version_the_same_number_of_times()
    {
        var plan = Plan();
        var groups = 5;
        var sends = Enumerable.Range(0, groups * UpdatePlan.SendsPerKey)
            .SelectMany(sequence => plan.Request(sequence).Select(row => (Sequence: sequence, Sku: row.GetProperty("sku").GetString()!, At: row.GetProperty("updatedAt").GetString()!)))
            .ToList();

        Assert.Equal(groups * Rows, sends.Select(s => s.Sku).Distinct().Count());
        Assert.Equal(groups * Rows, plan.KeysFor(groups * UpdatePlan.SendsPerKey));
        foreach (var key in sends.GroupBy(s => s.Sku))
        {
            // Six sends by six different requests, all in one group of consecutive requests.
            Assert.Equal(UpdatePlan.SendsPerKey, key.Select(s => s.Sequence).Distinct().Count());
            Assert.Single(key.Select(s => s.Sequence / UpdatePlan.SendsPerKey).Distinct());
            Assert.Equal(UpdatePlan.Versions, key.Select(s => s.At).Distinct().Count());
            Assert.All(key.GroupBy(s => s.At), version => Assert.Equal(UpdatePlan.Copies, version.Count()));
        }
    }

    [Fact]
    public void The_versions_of_a_key_come_in_a_shuffled_order_that_the_seed_repeats()
    {
        var plan = Plan();
        var orders = Enumerable.Range(0, 40)
            .Select(key => string.Join(",", Enumerable.Range(0, UpdatePlan.SendsPerKey).Select(send => plan.VersionOf(key, send))))
            .ToList();

        Assert.True(orders.Distinct().Count() > 10, string.Join(" | ", orders));
        Assert.Contains(orders, order => order != "1,2,3,1,2,3" && order != "1,1,2,2,3,3");
        Assert.Equal(orders, Enumerable.Range(0, 40).Select(key => string.Join(",", Enumerable.Range(0, UpdatePlan.SendsPerKey).Select(send => Plan().VersionOf(key, send)))));
    }

    [Fact]
    public void Every_send_of_a_version_is_the_same_row_and_higher_versions_are_later_instants_with_other_content()
    {
        var plan = Plan();
        var key = 3L;
        var sent = Enumerable.Range(0, UpdatePlan.SendsPerKey)
            .Select(send => (Version: plan.VersionOf(key, send), Row: plan.Request(plan.RequestOf(key, send))[(int)(key % Rows)]))
            .ToList();

        Assert.All(sent, s => Assert.Equal(plan.Row(key, s.Version).GetRawText(), s.Row.GetRawText()));
        var versions = Enumerable.Range(1, UpdatePlan.Versions).Select(v => plan.Row(key, v)).ToList();
        Assert.Equal("2026-12-03T12:00:01Z", versions[0].GetProperty("updatedAt").GetString());
        Assert.Equal(versions.Select(v => v.GetProperty("updatedAt").GetString()).Order(StringComparer.Ordinal), versions.Select(v => v.GetProperty("updatedAt").GetString()));
        Assert.Equal(UpdatePlan.Versions, versions.Select(v => CanonicalJson.Hash(v)).Distinct().Count());
    }

    [Fact]
    public void Its_rows_are_valid_rows_of_the_inventory_dataset()
    {
        var dataset = DatasetCatalog.Load("")["inventory"];
        var plan = Plan();
        foreach (var sequence in Enumerable.Range(0, UpdatePlan.SendsPerKey))
        {
            var body = Encoding.UTF8.GetBytes("{\"rows\":[" + string.Join(",", plan.Request(sequence).Select(r => r.GetRawText())) + "]}");

            using var prepared = RowPreparer.Prepare(dataset, body, "req-1", Start);

            Assert.Null(prepared.Error);
            Assert.All(prepared.Rows, row => Assert.Null(row.Status));
        }
    }

    [Fact]
    public void A_dataset_without_a_version_field_is_refused_with_a_sentence_that_names_one_that_has_it()
    {
        var error = Assert.Throws<LoadSetupException>(() => UpdatePlan.For(TestDatasets.Orders(), "load-run1", 1, Rows, 0, Start));

        Assert.Contains("version field", error.Message, StringComparison.Ordinal);
        Assert.Contains("inventory", error.Message, StringComparison.Ordinal);
    }
}
