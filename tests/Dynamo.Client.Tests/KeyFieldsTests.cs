using System.Text.Json;
using Dynamo.Client.Keys;

namespace Dynamo.Client.Tests;

public class KeyFieldsTests
{
    private static readonly KeyFields Readings = new(["deviceId", "ts"]);

    private static ItemIdentity? KeyOf(KeyFields fields, string json) => fields.KeyOf(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void One_instant_written_in_two_offsets_is_one_key()
    {
        Assert.Equal(
            KeyOf(Readings, """{"deviceId":"d-1","ts":"2026-01-01T01:00:00+01:00"}"""),
            KeyOf(Readings, """{"deviceId":"d-1","ts":"2026-01-01T00:00:00.000Z"}"""));
    }

    [Fact]
    public void One_number_written_two_ways_is_one_key_but_a_string_of_it_is_another()
    {
        var byNumber = new KeyFields(["n"]);
        Assert.Equal(KeyOf(byNumber, """{"n":1.50}"""), KeyOf(byNumber, """{"n":15e-1}"""));
        Assert.NotEqual(KeyOf(byNumber, """{"n":1.5}"""), KeyOf(byNumber, """{"n":"1.5"}"""));
    }

    [Fact]
    public void Parts_cannot_run_into_each_other()
    {
        Assert.NotEqual(
            KeyOf(Readings, """{"deviceId":"a","ts":"bc"}"""),
            KeyOf(Readings, """{"deviceId":"ab","ts":"c"}"""));
    }

    [Theory]
    [InlineData("""{"ts":"2026-01-01T00:00:00Z"}""")]
    [InlineData("""{"deviceId":null,"ts":"2026-01-01T00:00:00Z"}""")]
    [InlineData("""{"deviceId":{"a":1},"ts":"2026-01-01T00:00:00Z"}""")]
    public void A_row_without_a_usable_key_has_none(string json) => Assert.Null(KeyOf(Readings, json));

    [Fact]
    public void A_dataset_without_key_fields_orders_nothing() => Assert.Null(KeyOf(KeyFields.None, """{"a":1}"""));
}
