using System.Text;
using System.Text.Json.Nodes;
using Dynamo.Core.Rows;
using static Dynamo.Core.Tests.Rows.Requests;

namespace Dynamo.Core.Tests.Rows;

public sealed class RequestBodyTests
{
    private static RequestError ErrorOf(string body) => ErrorOf(Encoding.UTF8.GetBytes(body));

    private static RequestError ErrorOf(byte[] body)
    {
        using var request = Prepare(Orders, body);
        Assert.Empty(request.Rows);
        return request.Error ?? throw new Xunit.Sdk.XunitException("expected a request error");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"rows\": [")]
    [InlineData("rows")]
    [InlineData("{'rows': []}")]
    public void A_body_that_is_not_json_is_refused_as_not_json(string body)
    {
        var error = ErrorOf(body);
        Assert.Equal(RequestErrorKind.NotJson, error.Kind);
        Assert.StartsWith("The body is not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("{\"rows\": [{}]} {}")]
    [InlineData("{\"rows\": [{}]} x")]
    [InlineData("{\"rows\": [{}]}]")]
    public void Data_after_the_json_object_is_refused_as_trailing_data(string body) =>
        Assert.Equal(RequestErrorKind.TrailingData, ErrorOf(body).Kind);

    [Fact]
    public void A_utf8_byte_order_mark_before_the_object_is_ignored()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"rows\":[{\"orderId\":\"A-1\"}]}")).ToArray();
        using var request = Prepare(Orders, body);
        Assert.Null(request.Error);
        Assert.Single(request.Rows);
    }

    [Fact]
    public void A_byte_order_mark_anywhere_else_is_not_json() =>
        Assert.Equal(RequestErrorKind.NotJson, ErrorOf([.. " "u8, .. Encoding.UTF8.GetPreamble(), .. "{\"rows\":[{}]}"u8]).Kind);

    [Fact]
    public void Whitespace_after_the_json_object_is_fine()
    {
        using var request = Prepare(Orders, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body(Order())) + " \n\t"));
        Assert.Null(request.Error);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"rows\": {}}")]
    [InlineData("{\"rows\": null}")]
    [InlineData("{\"Rows\": []}")]
    [InlineData("{\"rows\": [{}], \"rows\": [{}]}")]
    public void A_body_without_one_rows_array_is_refused(string body) =>
        Assert.Equal(RequestErrorKind.NoRowsArray, ErrorOf(body).Kind);

    [Theory]
    [InlineData("{\"rows\": [{}, 1]}", "Row 1 is a number")]
    [InlineData("{\"rows\": [[]]}", "Row 0 is an array")]
    [InlineData("{\"rows\": [null]}", "Row 0 is null")]
    [InlineData("{\"rows\": [{}, {}, \"x\"]}", "Row 2 is a string")]
    public void A_row_that_is_not_an_object_refuses_the_request_and_names_the_row(string body, string message)
    {
        var error = ErrorOf(body);
        Assert.Equal(RequestErrorKind.RowNotObject, error.Kind);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void An_empty_rows_array_is_refused() => Assert.Equal(RequestErrorKind.NoRows, ErrorOf("{\"rows\": []}").Kind);

    [Fact]
    public void Five_thousand_rows_are_accepted_and_one_more_is_refused()
    {
        using (var request = Prepare(Orders, Body([.. Enumerable.Range(0, 5000).Select(i => Order($"A-{i}"))])))
        {
            Assert.Null(request.Error);
            Assert.Equal(5000, request.ItemsToWrite.Count());
        }
        var error = ErrorOf(Body([.. Enumerable.Range(0, 5001).Select(i => (JsonNode)new JsonObject())]));
        Assert.Equal(RequestErrorKind.TooManyRows, error.Kind);
        Assert.Contains("5,001", error.Message);
    }

    [Fact]
    public void A_body_of_exactly_5_MB_is_parsed_and_one_byte_more_is_refused()
    {
        var prefix = Body(Order());
        var atLimit = new byte[RequestLimits.MaxBodyBytes];
        Array.Fill(atLimit, (byte)' ');
        prefix.CopyTo(atLimit, 0);
        using (var request = Prepare(Orders, atLimit)) Assert.Null(request.Error);

        var over = new byte[RequestLimits.MaxBodyBytes + 1];
        Array.Fill(over, (byte)' ');
        prefix.CopyTo(over, 0);
        Assert.Equal(RequestErrorKind.BodyTooLarge, ErrorOf(over).Kind);
    }

    [Fact]
    public void Other_top_level_properties_are_ignored()
    {
        using var request = Prepare(Orders, Encoding.UTF8.GetBytes($"{{\"note\": 1, \"rows\": [{Order().ToJsonString()}], \"more\": {{}}}}"));
        Assert.Null(request.Error);
        Assert.Single(request.ItemsToWrite);
    }

    [Fact]
    public void A_row_nested_deeper_than_dynamodb_allows_is_an_invalid_row_not_a_bad_request()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
        var row = PrepareOneRaw(Orders, Order().ToJsonString()[..^1] + ",\"deep\":" + deep + "}");
        Assert.Equal(Dynamo.Contracts.RowStatus.Invalid, row.Status);
    }
}
