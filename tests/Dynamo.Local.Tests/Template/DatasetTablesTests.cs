using System.Text.RegularExpressions;
using Dynamo.Local.Store;
using Dynamo.Local.Template;
using static Dynamo.Local.Template.TemplateValue;

namespace Dynamo.Local.Tests.Template;

// Every dataset table of template.yaml carries what the local stack and the production stack need of it.
// The drift test proper (each dataset declaration has its table, with the same key schema) joins these when
// the declarations land in src/Dynamo.Core/Datasets/Declarations/.
public class DatasetTablesTests
{
    private static readonly Regex DatasetName = new("^[a-z][a-z0-9-]{1,62}$");

    private static readonly Dictionary<string, object?> Document =
        CloudFormationYaml.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "template.yaml")));

    private static IReadOnlyDictionary<string, object?> Resources => Map(Get(Document, "Resources"), "Resources");

    private static List<(string LogicalId, IReadOnlyDictionary<string, object?> Resource)> Tables() =>
        Resources
            .Select(resource => (resource.Key, Resource: Map(resource.Value, resource.Key)))
            .Where(resource => Get(resource.Resource, "Type") as string == LocalResourceNames.TableType)
            .ToList();

    private static IReadOnlyDictionary<string, object?> Properties(IReadOnlyDictionary<string, object?> resource) =>
        Map(Get(resource, "Properties"), "Properties");

    private static string? DatasetOf(IReadOnlyDictionary<string, object?> table) =>
        Get(OptionalMap(Get(OptionalMap(Get(table, "Metadata"), "Metadata"), "Dynamo"), "Dynamo"), "Dataset") as string;

    private static bool IsGetAttArn(object? node, string logicalId) =>
        IsIntrinsic(node, out var name, out var argument) && name == "Fn::GetAtt"
        && argument is IReadOnlyList<object?> { Count: 2 } pair && pair[0] as string == logicalId && pair[1] as string == "Arn";

    private static bool IsRef(object? node, string logicalId) =>
        IsIntrinsic(node, out var name, out var argument) && name == "Ref" && argument as string == logicalId;

    [Fact]
    public void The_template_has_dataset_tables()
    {
        Assert.NotEmpty(Tables());
    }

    [Fact]
    public void Every_table_names_one_dataset_of_its_own_in_its_metadata()
    {
        var datasets = Tables().Select(table => DatasetOf(table.Resource)).ToList();

        Assert.All(datasets, dataset => Assert.Matches(DatasetName, dataset ?? ""));
        Assert.Equal(datasets.Count, datasets.Distinct().Count());
    }

    [Fact]
    public void Every_table_has_a_partition_key_and_at_most_a_sort_key_each_with_its_attribute_type()
    {
        Assert.All(Tables(), table =>
        {
            var properties = Properties(table.Resource);
            var keys = List(Get(properties, "KeySchema"), $"{table.LogicalId}.KeySchema").Select(key => Map(key, "KeySchema")).ToList();
            var defined = List(Get(properties, "AttributeDefinitions"), $"{table.LogicalId}.AttributeDefinitions")
                .Select(definition => Get(Map(definition, "AttributeDefinitions"), "AttributeName") as string).ToHashSet();

            Assert.Single(keys, key => Get(key, "KeyType") as string == "HASH");
            Assert.True(keys.Count(key => Get(key, "KeyType") as string == "RANGE") <= 1, $"{table.LogicalId} has more than one sort key.");
            Assert.Equal(defined, keys.Select(key => Get(key, "AttributeName") as string).ToHashSet());
        });
    }

    [Fact]
    public void Every_table_is_on_demand_encrypted_recoverable_and_protected_from_deletion_on_prod()
    {
        Assert.All(Tables(), table =>
        {
            var properties = Properties(table.Resource);
            Assert.Equal("PAY_PER_REQUEST", Get(properties, "BillingMode"));
            Assert.Equal("true", Get(Map(Get(properties, "SSESpecification"), "SSESpecification"), "SSEEnabled"));
            Assert.Equal("true", Get(Map(Get(properties, "PointInTimeRecoverySpecification"), "PointInTimeRecoverySpecification"), "PointInTimeRecoveryEnabled"));
            Assert.True(IsIntrinsic(Get(properties, "DeletionProtectionEnabled"), out var name, out var argument) && name == "Fn::If"
                && argument is IReadOnlyList<object?> branches && branches[0] as string == "IsProd" && branches[1] as string == "true",
                $"{table.LogicalId}: DeletionProtectionEnabled must be !If [IsProd, true, false].");
        });
    }

    [Theory]
    [InlineData("IngestFunction", "dynamodb:BatchWriteItem")]
    public void A_function_may_do_its_one_table_action_on_every_table_and_on_nothing_else(string function, string action)
    {
        var properties = Properties(Map(Get(Resources, function), function));
        var statements = List(Get(properties, "Policies"), "Policies")
            .SelectMany(policy => List(Get(Map(policy, "Policies"), "Statement"), "Statement"))
            .Select(statement => Map(statement, "Statement"))
            .Where(statement => Get(statement, "Action") as string == action)
            .ToList();
        var arns = List(Get(Assert.Single(statements), "Resource"), "Resource");

        Assert.Equal(Tables().Count, arns.Count);
        Assert.All(Tables(), table => Assert.Contains(arns, arn => IsGetAttArn(arn, table.LogicalId)));
    }

    [Fact]
    public void Every_table_name_reaches_the_functions_as_DYNAMO_TABLE_and_its_dataset()
    {
        var variables = Map(Get(Map(Get(Map(Get(Map(Get(Document, "Globals"), "Globals"), "Function"), "Function"), "Environment"), "Environment"), "Variables"), "Variables");

        Assert.All(Tables(), table =>
        {
            var variable = "DYNAMO_TABLE_" + DatasetOf(table.Resource)!.ToUpperInvariant().Replace('-', '_');
            Assert.True(IsRef(Get(variables, variable), table.LogicalId), $"Globals.Function.Environment.Variables.{variable} must be !Ref {table.LogicalId}.");
        });
    }

    [Fact]
    public void Every_table_has_a_write_throttle_alarm()
    {
        var alarmedTables = Resources.Values
            .Select(resource => Map(resource, "resource"))
            .Where(resource => Get(resource, "Type") as string == "AWS::CloudWatch::Alarm")
            .Select(Properties)
            .Where(alarm => Get(alarm, "Namespace") as string == "AWS/DynamoDB" && Get(alarm, "MetricName") as string == "WriteThrottleEvents")
            .SelectMany(alarm => List(Get(alarm, "Dimensions"), "Dimensions").Select(dimension => Map(dimension, "Dimensions")))
            .Where(dimension => Get(dimension, "Name") as string == "TableName")
            .Select(dimension => Get(dimension, "Value"))
            .ToList();

        Assert.All(Tables(), table => Assert.Contains(alarmedTables, value => IsRef(value, table.LogicalId)));
    }
}
