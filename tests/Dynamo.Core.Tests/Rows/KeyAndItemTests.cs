using System.Text.Json.Nodes;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Core.Rows;
using static Dynamo.Core.Tests.Rows.Requests;

namespace Dynamo.Core.Tests.Rows;

public sealed class KeyAndItemTests
{
    [Theory]
    [InlineData("2026-01-01T01:00:00+01:00", "2026-01-01T00:00:00Z")]
    [InlineData("2026-01-01T00:00:00.500Z", "2026-01-01T00:00:00.5Z")]
    [InlineData("2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00Z")]
    [InlineData("2026-01-01t00:00:00z", "2026-01-01T00:00:00Z")]
    [InlineData("2025-12-31T19:30:00.1234567890-05:30", "2026-01-01T01:00:00.123456789Z")]
    [InlineData("2024-03-01T00:30:00+01:00", "2024-02-29T23:30:00Z")]
    [InlineData("2016-12-31T15:59:60.25-08:00", "2016-12-31T23:59:60.25Z")]
    public void Date_time_keys_are_stored_in_utc_with_no_redundant_fraction_digits(string sent, string stored)
    {
        using var request = Prepare(Readings, Body(Reading(ts: sent)));
        var row = Assert.Single(request.Rows);
        Assert.Equal(stored, row.Item!.Attributes["ts"].S);
        Assert.Equal(sent, row.Key!["ts"].GetString());
    }

    [Fact]
    public void A_date_time_key_is_judged_by_the_key_stored_not_by_its_spelling()
    {
        // 1,121 bytes as sent, over the sort key's 1,024; stored as the 20 bytes 2026-01-01T08:00:00Z.
        var row = PrepareOne(Readings, Reading(ts: "2026-01-01T08:00:00." + new string('0', 1100) + "Z"));

        Assert.Null(row.Errors);
        Assert.Equal("2026-01-01T08:00:00Z", row.Item!.Attributes["ts"].S);
    }

    [Fact]
    public void A_key_that_is_no_unicode_text_is_invalid_with_its_own_message_and_no_key_in_the_reply()
    {
        using var request = Prepare(Orders, RawBody(Order().ToJsonString().Replace("\"A-1\"", "\"A-\\ud800\"", StringComparison.Ordinal)));
        var row = Assert.Single(request.Rows);

        Assert.Equal(RowStatus.Invalid, row.Status);
        Assert.Contains("orderId: not valid Unicode text (a lone surrogate escape)", row.Errors!);
        // The reply could not write the key as sent: there is none, and the index says which row it was.
        Assert.Null(row.Key);
    }

    [Fact]
    public void Date_time_fields_that_are_not_keys_are_stored_as_sent() =>
        Assert.Equal("2026-01-01T01:00:00+01:00", PrepareOne(Orders, Order().With("createdAt", "2026-01-01T01:00:00+01:00")).Item!.Attributes["createdAt"].S);

    [Fact]
    public void A_key_instant_outside_the_years_0000_to_9999_in_utc_is_invalid() =>
        Assert.Equal(["ts: the instant in UTC falls outside the years 0000 to 9999"],
            PrepareOne(Readings, Reading(ts: "9999-12-31T23:30:00-01:00")).Errors);

    [Fact]
    public void Items_carry_every_json_type_and_the_system_attributes()
    {
        var row = PrepareOneRaw(Orders, Order().ToJsonString()[..^1]
            + ",\"big\":1.50e3,\"yes\":true,\"no\":false,\"nothing\":null,\"map\":{\"x\":[1,\"a\",{}]},\"empty\":[]}");
        var item = row.Item!.Attributes;
        Assert.Equal("1500", item["big"].N);
        Assert.Equal("12.5", item["amount"].N);
        Assert.True(item["yes"].BOOL);
        Assert.False(item["no"].BOOL);
        Assert.True(item["nothing"].NULL);
        Assert.True(item["map"].IsMSet);
        Assert.Equal("a", item["map"].M["x"].L[1].S);
        Assert.True(item["map"].M["x"].L[2].IsMSet);
        Assert.True(item["empty"].IsLSet);
        Assert.Empty(item["empty"].L);
        Assert.Equal("req-1", item[SystemAttributes.RequestId].S);
        Assert.Equal("1772366400000", item[SystemAttributes.IngestedAt].N);
        Assert.Equal(RowHash.ShortFormOfHex(CanonicalJson.Hash(ItemJson.ToRow(item))), item[SystemAttributes.Hash].S);
        Assert.False(item.ContainsKey(SystemAttributes.Id));
    }

    [Fact]
    public void The_hash_describes_the_row_as_stored_so_one_instant_in_two_offsets_is_one_row()
    {
        using var request = Prepare(Readings, Body(Reading("d-1", "2026-01-01T01:00:00+01:00"), Reading("d-2", "2026-01-01T00:00:00Z").With("deviceId", "d-1")));
        var first = request.Rows[0];
        Assert.Equal(RowStatus.Duplicate, first.Status);
        var stored = request.Rows[1].Item!.Attributes;
        Assert.Equal(RowHash.ShortFormOfHex(CanonicalJson.Hash(ItemJson.ToRow(stored))), stored[SystemAttributes.Hash].S);
    }

    [Fact]
    public void A_dataset_without_key_fields_keys_each_row_by_its_canonical_hash()
    {
        var dataset = Dataset.FromDeclaration("""{"name": "events", "schema": {"type": "object"}}""");
        Assert.False(dataset.HasNaturalKey);
        Assert.Equal("_id", dataset.PartitionKey.Name);
        using var request = Prepare(dataset, RawBody("{\"b\":1.0,\"a\":\"x\"}", "{\"a\":\"x\",\"b\":1}", "{\"a\":\"y\"}"));
        Assert.Equal(RowStatus.Duplicate, request.Rows[0].Status);
        var item = request.Rows[1].Item!.Attributes;
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("{\"a\":\"x\",\"b\":1}"u8));
        Assert.Equal(expected, item[SystemAttributes.Id].S);
        // The key is the hash already: a second copy in _h would only add bytes.
        Assert.False(item.ContainsKey(SystemAttributes.Hash));
        Assert.Equal(expected, RowHash.Stored(item));
        Assert.Equal(expected, request.Rows[1].Key!["_id"].GetString());
        Assert.Null(request.Rows[2].Status);
    }

    [Fact]
    public void Among_valid_rows_with_one_key_the_last_wins_and_the_earlier_are_duplicates()
    {
        using var request = Prepare(Orders, Body(Order("A"), Order("B"), Order("A").With("amount", 2), Order("A").With("amount", 3)));
        Assert.Equal([RowStatus.Duplicate, (RowStatus?)null, RowStatus.Duplicate, null], request.Rows.Select(r => r.Status));
        Assert.Null(request.Rows[0].Item);
        Assert.Equal([(1, "B"), (3, "A")], request.ItemsToWrite.Select(w => (w.Index, w.Item.Attributes["orderId"].S)));
        Assert.Equal("3", request.ItemsToWrite.Last().Item.Attributes["amount"].N);
    }

    [Fact]
    public void An_invalid_row_never_displaces_a_valid_one()
    {
        using var request = Prepare(Orders, Body(Order("A"), Order("A").With("amount", -1)));
        Assert.Null(request.Rows[0].Status);
        Assert.Equal(RowStatus.Invalid, request.Rows[1].Status);
        Assert.Equal(0, Assert.Single(request.ItemsToWrite).Index);
    }

    [Fact]
    public void Rows_keep_their_index_in_order()
    {
        using var request = Prepare(Orders, Body([.. Enumerable.Range(0, 30).Select(i => Order($"A-{i}"))]));
        Assert.Equal(Enumerable.Range(0, 30), request.Rows.Select(r => r.Index));
    }

    [Fact]
    public void Every_row_is_converted_and_hashed_on_its_own_whatever_fields_the_rows_before_it_carried()
    {
        // Names learned from earlier rows, the same names in another order, an escaped spelling, and more
        // distinct undeclared names than a request remembers (64).
        var rows = new List<string>
        {
            Order("A-1").With("b", 1).With("a", "x").ToJsonString(),
            Order("A-2").With("a", 2).With("b", "y").ToJsonString(),
            Order("A-3").With("a", 3).ToJsonString(),
            Order("A-4").ToJsonString()[..^1] + ",\"\\u0062\":4,\"a\":5}",
        };
        rows.AddRange(Enumerable.Range(0, 80).Select(i => Order($"B-{i}").With($"extra{i}", i).With($"extra{i + 1}", "z").ToJsonString()));
        using var request = Prepare(Orders, RawBody([.. rows]));
        Assert.All(request.Rows, row => Assert.Null(row.Status));
        for (var i = 0; i < rows.Count; i++)
        {
            var item = request.Rows[i].Item!.Attributes;
            using var alone = System.Text.Json.JsonDocument.Parse(rows[i]);
            Assert.Equal(RowHash.ShortFormOfHex(CanonicalJson.Hash(alone.RootElement)), item[SystemAttributes.Hash].S);
            Assert.Equal(JsonNode.Parse(rows[i])!.AsObject().Select(f => f.Key).Order(), item.Keys.Where(k => !k.StartsWith('_')).Order());
        }
        Assert.Equal("4", request.Rows[3].Item!.Attributes["b"].N);
    }

    [Fact]
    public void A_field_name_written_with_an_escape_is_never_taken_for_a_name_spelled_like_its_bytes()
    {
        // The schema declares the name a\b (a backslash in it); the second row's "a\b" is a, backspace.
        var dataset = Dataset.FromDeclaration("""{"name": "events", "schema": {"type": "object", "properties": {"a\\b": {"type": "string"}}}}""");
        using var request = Prepare(dataset, RawBody("{\"a\\\\b\":\"x\"}", "{\"a\\b\":1}"));
        Assert.All(request.Rows, row => Assert.Null(row.Status));
        Assert.Equal("x", request.Rows[0].Item!.Attributes["a\\b"].S);
        Assert.Equal("1", request.Rows[1].Item!.Attributes["a\b"].N);
    }
}
