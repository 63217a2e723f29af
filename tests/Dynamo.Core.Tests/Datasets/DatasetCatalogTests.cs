using Amazon.DynamoDBv2;
using Dynamo.Core.Datasets;

namespace Dynamo.Core.Tests.Datasets;

public sealed class DatasetCatalogTests
{
    [Fact]
    public void The_three_example_datasets_are_declared_with_their_keys_and_inventory_with_its_version()
    {
        var catalog = DatasetCatalog.Load("");
        Assert.Equal(["inventory", "orders", "readings"], catalog.All.Select(d => d.Name));
        Assert.Equal(new KeyField("sku", ScalarAttributeType.S, false), catalog["inventory"].PartitionKey);
        Assert.Equal(new VersionField("updatedAt", IsDateTime: true), catalog["inventory"].Version);
        Assert.Null(catalog["orders"].Version);
        Assert.Equal(new KeyField("orderId", ScalarAttributeType.S, false), catalog["orders"].PartitionKey);
        Assert.Null(catalog["orders"].SortKey);
        Assert.Equal(new KeyField("deviceId", ScalarAttributeType.S, false), catalog["readings"].PartitionKey);
        Assert.Equal(new KeyField("ts", ScalarAttributeType.S, true), catalog["readings"].SortKey);
    }

    [Fact]
    public void Every_table_is_named_the_prefix_then_the_dataset_and_locally_the_dataset_alone()
    {
        var deployed = DatasetCatalog.Load("dynamo-prod-");
        Assert.Equal(["dynamo-prod-inventory", "dynamo-prod-orders", "dynamo-prod-readings"], deployed.All.Select(d => d.Table));
        Assert.Equal(["inventory", "orders", "readings"], DatasetCatalog.Load("").All.Select(d => d.Table));
    }

    [Fact]
    public void An_unknown_dataset_is_not_found() => Assert.False(DatasetCatalog.Load("").TryGet("nope", out _));

    [Theory]
    [InlineData("Orders")]
    [InlineData("o")]
    [InlineData("1orders")]
    [InlineData("or_ders")]
    public void A_name_outside_the_rule_fails_the_load(string name)
    {
        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromDeclaration("{\"name\": \"" + name + "\", \"schema\": {}}"));
        Assert.Contains("must match", error.Message);
    }

    [Theory]
    [InlineData("""{"type": "object", "oneOf": []}""", "'oneOf' is not supported")]
    [InlineData("""{"properties": {"a": {"multipleOf": 2}}}""", "#/properties/a/multipleOf")]
    [InlineData("""{"properties": {"a": {"format": "email"}}}""", "only the format date-time")]
    [InlineData("""{"additionalProperties": {"type": "string"}}""", "only true or false")]
    public void A_keyword_the_validator_does_not_implement_fails_the_load(string schema, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromDeclaration($$"""{"name": "things", "schema": {{schema}}}"""));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("""{"properties": {"id": {"type": "string"}}}""")]
    [InlineData("""{"required": ["id"], "properties": {"id": {"type": ["string", "null"]}}}""")]
    [InlineData("""{"required": ["id"]}""")]
    public void A_key_field_must_be_a_required_scalar_property(string schema) =>
        Assert.Throws<InvalidDataException>(() => Dataset.FromDeclaration($$"""{"name": "things", "partitionKey": "id", "schema": {{schema}}}"""));

    [Fact]
    public void A_number_key_is_typed_n() =>
        Assert.Equal(ScalarAttributeType.N, Dataset.FromDeclaration("""
            {"name": "things", "partitionKey": "id", "schema": {"required": ["id"], "properties": {"id": {"type": "integer"}}}}
            """).PartitionKey.Type);

    [Theory]
    [InlineData("""{"type": "integer"}""", false)]
    [InlineData("""{"type": "number"}""", false)]
    [InlineData("""{"type": "string", "format": "date-time"}""", true)]
    public void A_version_field_is_a_number_or_a_date_time(string property, bool isDateTime) =>
        Assert.Equal(new VersionField("v", isDateTime), Dataset.FromDeclaration(
            """{"name": "things", "partitionKey": "id", "versionField": "v", "schema": {"required": ["id", "v"], "properties": {"id": {"type": "string"}, "v": """
            + property + "}}}").Version);

    [Theory]
    [InlineData("""{"required": ["id", "v"], "properties": {"id": {"type": "string"}, "v": {"type": "string"}}}""", "v", "must have type number")]
    [InlineData("""{"required": ["id"], "properties": {"id": {"type": "string"}, "v": {"type": "integer"}}}""", "v", "required property")]
    [InlineData("""{"required": ["id"], "properties": {"id": {"type": "string"}}}""", "id", "must not be a key field")]
    public void A_version_field_that_cannot_order_updates_fails_the_load(string schema, string field, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromDeclaration($$"""
            {"name": "things", "partitionKey": "id", "versionField": "{{field}}", "schema": {{schema}}}
            """));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_version_field_needs_key_fields()
    {
        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromDeclaration("""
            {"name": "things", "versionField": "v", "schema": {"required": ["v"], "properties": {"v": {"type": "integer"}}}}
            """));
        Assert.Contains("needs key fields", error.Message);
    }
}
