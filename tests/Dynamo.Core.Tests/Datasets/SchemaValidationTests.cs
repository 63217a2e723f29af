using System.Text.Json.Nodes;
using Dynamo.Contracts;
using static Dynamo.Core.Tests.Rows.Requests;

namespace Dynamo.Core.Tests.Datasets;

public sealed class SchemaValidationTests
{
    [Fact]
    public void A_typical_order_is_valid()
    {
        var row = PrepareOne(Orders, Order());
        Assert.Null(row.Status);
        Assert.NotNull(row.Item);
    }

    [Theory]
    [InlineData("orderId")]
    [InlineData("customer")]
    [InlineData("amount")]
    [InlineData("status")]
    [InlineData("createdAt")]
    public void A_missing_required_field_is_named(string field) =>
        Assert.Contains($"{field}: required", ErrorsOf(Orders, Order().Without(field)));

    [Fact]
    public void An_optional_field_may_be_missing() => Assert.Empty(ErrorsOf(Orders, Order().Without("currency")));

    [Fact]
    public void A_wrong_type_says_what_was_expected() =>
        Assert.Equal(["amount: expected number"], ErrorsOf(Orders, Order().With("amount", "12.5")));

    [Fact]
    public void An_amount_below_the_minimum_is_invalid_and_zero_is_not()
    {
        Assert.Equal(["amount: expected >= 0"], ErrorsOf(Orders, Order().With("amount", -0.01m)));
        Assert.Empty(ErrorsOf(Orders, Order().With("amount", 0)));
        Assert.Equal(["amount: expected >= 0"], PrepareOneRaw(Orders, Order().ToJsonString().Replace("12.5", "-1e-30")).Errors);
        Assert.Null(PrepareOneRaw(Orders, Order().ToJsonString().Replace("12.5", "-0")).Errors);
    }

    [Fact]
    public void Humidity_and_battery_are_bounded_both_ways()
    {
        Assert.Equal(["humidity: expected <= 100"], ErrorsOf(Readings, Reading().With("humidity", 100.5m)));
        Assert.Equal(["battery: expected >= 0"], ErrorsOf(Readings, Reading().With("battery", -1)));
        Assert.Empty(ErrorsOf(Readings, Reading().With("humidity", 100).With("battery", 0)));
    }

    [Fact]
    public void A_status_outside_the_enum_lists_the_allowed_values() =>
        Assert.Equal(["status: expected one of new, paid, shipped, cancelled"], ErrorsOf(Orders, Order().With("status", "lost")));

    [Theory]
    [InlineData("eur")]
    [InlineData("EURO")]
    [InlineData("EUR\n")]
    [InlineData("")]
    public void A_currency_must_be_three_upper_case_letters(string currency) =>
        Assert.Equal(["currency: expected to match ^[A-Z]{3}$"], ErrorsOf(Orders, Order().With("currency", currency)));

    [Fact]
    public void Order_ids_count_unicode_code_points_from_1_to_128()
    {
        Assert.Contains("orderId: expected at least 1 characters", ErrorsOf(Orders, Order().With("orderId", "")));
        Assert.Empty(ErrorsOf(Orders, Order().With("orderId", string.Concat(Enumerable.Repeat("😀", 128)))));
        Assert.Equal(["orderId: expected at most 128 characters"], ErrorsOf(Orders, Order().With("orderId", new string('x', 129))));
    }

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2026-01-01 12:00:00Z")]
    [InlineData("2026-01-01T12:00:00")]
    [InlineData("2026-02-29T12:00:00Z")]
    [InlineData("2026-01-01T24:00:00Z")]
    [InlineData("2026-01-01T23:58:60Z")]
    [InlineData("2026-01-01T12:00:00+24:00")]
    [InlineData("2026-01-01T12:00:00.Z")]
    [InlineData("yesterday")]
    public void A_created_at_that_is_not_an_rfc_3339_date_time_is_invalid(string value) =>
        Assert.Equal(["createdAt: expected an RFC 3339 date-time such as 2026-01-01T12:00:00Z"], ErrorsOf(Orders, Order().With("createdAt", value)));

    [Theory]
    [InlineData("2024-02-29T12:00:00Z")]
    [InlineData("2026-01-01t12:00:00z")]
    [InlineData("2026-01-01T12:00:00.123456789012+05:30")]
    [InlineData("2016-12-31T23:59:60Z")]
    [InlineData("2016-12-31T15:59:60-08:00")]
    public void Rfc_3339_date_times_are_valid(string value) => Assert.Empty(ErrorsOf(Orders, Order().With("createdAt", value)));

    [Fact]
    public void Extra_fields_are_allowed_and_stored()
    {
        var row = PrepareOne(Orders, Order().With("note", "gift").With("lines", new JsonArray(1, 2)));
        Assert.Equal("gift", row.Item!.Attributes["note"].S);
        Assert.Equal(2, row.Item.Attributes["lines"].L.Count);
    }

    [Theory]
    [InlineData("_secret")]
    [InlineData("_hash")]
    [InlineData("_h")]
    public void Field_names_starting_with_an_underscore_are_invalid(string field) =>
        Assert.Equal([$"{field}: field names must not start with _ (Dynamo's own attributes do)"], ErrorsOf(Orders, Order().With(field, 1)));

    [Fact]
    public void Nested_field_names_may_start_with_an_underscore_as_they_cannot_clash_with_system_attributes() =>
        Assert.Empty(ErrorsOf(Orders, Order().With("meta", new JsonObject { ["_source"] = "x" })));

    [Fact]
    public void Empty_field_names_are_invalid_at_any_depth()
    {
        Assert.Equal(["row: field names must not be empty"], ErrorsOf(Orders, Order().With("", 1)));
        Assert.Equal(["meta: field names must not be empty"], ErrorsOf(Orders, Order().With("meta", new JsonObject { [""] = 1 })));
    }

    [Fact]
    public void A_field_that_appears_twice_is_invalid()
    {
        var row = PrepareOneRaw(Orders, Order().ToJsonString()[..^1] + ",\"customer\":\"Bob\"}");
        Assert.Equal(RowStatus.Invalid, row.Status);
        Assert.Equal(["customer: the field appears more than once"], row.Errors);
    }

    [Theory]
    [InlineData("customer", "cust\\u006fmer")]
    [InlineData("note", "no\\u0074e")]
    public void A_field_that_appears_twice_is_invalid_when_one_spelling_escapes_a_character(string name, string escaped)
    {
        var plainFirst = PrepareOneRaw(Orders, Order().With(name, "x").ToJsonString()[..^1] + $",\"{escaped}\":\"y\"}}");
        Assert.Equal([$"{name}: the field appears more than once"], plainFirst.Errors);
        var escapedFirst = PrepareOneRaw(Orders, $"{{\"{escaped}\":\"y\"," + Order().With(name, "x").ToJsonString()[1..]);
        Assert.Equal([$"{name}: the field appears more than once"], escapedFirst.Errors);
    }

    [Fact]
    public void A_lone_surrogate_is_not_text_dynamodb_can_store()
    {
        var row = PrepareOneRaw(Orders, Order().ToJsonString()[..^1] + ",\"note\":\"\\ud800\"}");
        Assert.Equal(["note: not valid Unicode text (a lone surrogate escape)"], row.Errors);
    }

    [Theory]
    [InlineData("{\"a\":\"\\ud800\"}", "meta.a: not valid Unicode text (a lone surrogate escape)")]
    [InlineData("[1,\"\\udfff\"]", "meta[1]: not valid Unicode text (a lone surrogate escape)")]
    [InlineData("{\"\\ud800\":1}", "meta: a field name is not valid Unicode text (a lone surrogate escape)")]
    public void A_lone_surrogate_inside_a_map_or_list_makes_the_row_invalid(string meta, string error)
    {
        var row = PrepareOneRaw(Orders, Order().ToJsonString()[..^1] + $",\"meta\":{meta}}}");
        Assert.Equal([error], row.Errors);
    }

    [Fact]
    public void Key_fields_must_be_non_empty_scalars()
    {
        Assert.Contains("orderId: must not be empty (it is a key)", ErrorsOf(Orders, Order().With("orderId", "")));
        Assert.Contains("deviceId: must not be empty (it is a key)", ErrorsOf(Readings, Reading(deviceId: "")));
        Assert.Contains("deviceId: a key must be a string or a number", ErrorsOf(Readings, Reading().With("deviceId", new JsonObject())));
        Assert.Contains("deviceId: expected string", ErrorsOf(Readings, Reading().With("deviceId", 17)));
    }

    [Fact]
    public void An_invalid_row_keeps_its_key_when_the_key_is_usable_and_loses_it_otherwise()
    {
        using var request = Prepare(Orders, Body(Order("A-9").With("amount", "x"), Order().Without("orderId")));
        Assert.All(request.Rows, r => Assert.Equal(RowStatus.Invalid, r.Status));
        Assert.Equal("A-9", request.Rows[0].Key!["orderId"].GetString());
        Assert.Null(request.Rows[1].Key);
    }

    [Fact]
    public void Every_error_of_a_row_is_reported()
    {
        var errors = ErrorsOf(Orders, Order().With("amount", -1).With("status", "x").Without("customer"));
        Assert.Equal(3, errors.Count);
    }
}
