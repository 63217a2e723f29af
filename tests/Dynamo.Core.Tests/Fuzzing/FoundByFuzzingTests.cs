using System.Text;
using Dynamo.Contracts;
using Dynamo.Core.Rows;

namespace Dynamo.Core.Tests.Fuzzing;

/// <summary>The shrunk bodies of the defects fuzzing found, one test each.</summary>
public sealed class FoundByFuzzingTests
{
    private static byte[] Body(string before, byte[] raw, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];

    [Theory]
    // An escaped name with a stray byte, compared against an enum of objects: the validator threw.
    [InlineData("{\"rows\":[{\"kind\":{\"\\u0041", new byte[] { 0xC0 }, "\":1}}]}")]
    [InlineData("{\"rows\":[{\"kind\":\"a\",\"note\":\"", new byte[] { 0xED, 0xA0, 0x80 }, "\"}]}")]
    [InlineData("{\"rows\":[{\"kind\":\"a\",\"", new byte[] { 0xFF }, "\":1}]}")]
    public void A_body_that_is_not_UTF_8_is_refused_as_not_JSON(string before, byte[] raw, string after)
    {
        using var request = RowPreparer.Prepare(RequestCorpus.Events, Body(before, raw, after), "req-1", Rows.Requests.IngestedAt);
        Assert.Equal(RequestErrorKind.NotJson, request.Error?.Kind);
        Assert.Contains("UTF-8", request.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    // A lone surrogate escape in a name or a string compared against an enum or const: the validator threw.
    [InlineData("""{"kind":{"\ud800":1}}""")]
    [InlineData("""{"kind":["\udc00"]}""")]
    [InlineData("""{"kind":"\ud800"}""")]
    [InlineData("""{"kind":"a","fixed":{"\ud800":[true,0]}}""")]
    // ... and as the name of a field that is not allowed, which the error message names.
    [InlineData("""{"kind":"a","closed":{"\ud800":true}}""")]
    public void A_lone_surrogate_in_a_value_checked_against_an_enum_makes_the_row_invalid(string row)
    {
        var prepared = Rows.Requests.PrepareOneRaw(RequestCorpus.Events, row);
        Assert.Equal(RowStatus.Invalid, prepared.Status);
        Assert.Contains(prepared.Errors!, e => e.Contains("not valid Unicode", StringComparison.Ordinal));
    }

    [Fact]
    public void An_order_whose_status_is_a_lone_surrogate_is_invalid_not_a_crash()
    {
        var prepared = Rows.Requests.PrepareOneRaw(Rows.Requests.Orders,
            """{"orderId":"A-1","customer":"Ada","amount":1,"status":"\ud800","createdAt":"2026-01-01T12:00:00Z"}""");
        Assert.Equal(RowStatus.Invalid, prepared.Status);
        Assert.Contains("status: expected one of new, paid, shipped, cancelled", prepared.Errors!);
    }

    [Fact]
    public void An_order_with_a_field_named_by_a_lone_surrogate_is_invalid_not_a_crash()
    {
        var prepared = Rows.Requests.PrepareOneRaw(Rows.Requests.Orders,
            """{"orderId":"A-1","customer":"Ada","amount":1,"status":"new","createdAt":"2026-01-01T12:00:00Z","\udfff":1}""");
        Assert.Equal(RowStatus.Invalid, prepared.Status);
        Assert.Equal(["row: a field name is not valid Unicode text (a lone surrogate escape)"], prepared.Errors);
    }

    [Theory]
    // An enum or const compared a row's number through its canonical text: a billion zeros.
    [InlineData("""{"kind":1e999999999}""", false)]
    [InlineData("""{"kind":{"x":[1,2.5e999999999]}}""", false)]
    [InlineData("""{"kind":"a","fixed":{"a":[true,-1e-999999999]}}""", false)]
    // Equality stays JSON Schema's: numbers by value, objects in any order, no name twice.
    [InlineData("""{"kind":{"x":[1.0,25e-1]}}""", true)]
    [InlineData("""{"kind":"a","fixed":{"a":[true,-0.0e7]}}""", true)]
    [InlineData("""{"kind":"a","fixed":{"a":[true,0],"a":[true,0]}}""", false)]
    public void Enum_and_const_compare_numbers_by_value_without_spelling_them_out(string row, bool valid)
    {
        var prepared = Rows.Requests.PrepareOneRaw(RequestCorpus.Events, row);
        Assert.Equal(valid, prepared.Status is null);
    }

    [Theory]
    // Looking up the key field scanned every name and threw on one escaping a lone surrogate (orders and readings).
    [InlineData("orders", """{"orderId":"A-1","customer":"Ada","amount":1,"status":"new","createdAt":"2026-01-01T12:00:00Z","\ud800\u0000":1}""")]
    [InlineData("readings", """{"deviceId":"d-1","ts":"2026-01-01T00:00:00Z","\ude00":1}""")]
    public void A_row_with_a_field_named_by_a_lone_surrogate_beside_its_key_is_invalid(string dataset, string row)
    {
        using var request = Rows.Requests.Prepare(Rows.Requests.Catalog[dataset], Rows.Requests.RawBody(row));
        var prepared = Assert.Single(request.Rows);
        Assert.Equal(RowStatus.Invalid, prepared.Status);
        Assert.Equal(["row: a field name is not valid Unicode text (a lone surrogate escape)"], prepared.Errors);
        Assert.NotNull(prepared.Key);
    }

    [Fact]
    public void A_body_with_a_top_level_name_escaping_a_lone_surrogate_still_finds_its_rows()
    {
        using var request = Rows.Requests.Prepare(RequestCorpus.Events, Encoding.UTF8.GetBytes("""{"\udbff":0,"rows":[{"kind":"a"}]}"""));
        Assert.Null(request.Error);
        Assert.Null(Assert.Single(request.Rows).Status);
    }
}
