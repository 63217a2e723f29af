using System.Text.RegularExpressions;
using Dynamo.Core.Datasets;
using Dynamo.Local.Store;
using Dynamo.Local.Template;
using static Dynamo.Local.Template.TemplateValue;

namespace Dynamo.Local.Tests.Template;

// Every dataset table of template.yaml carries what the local stack and the production stack need of it, and
// every dataset declared in src/Dynamo.Core/Datasets/Declarations/ has its table.
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

    private static bool IsSub(object? node, string text) =>
        IsIntrinsic(node, out var name, out var argument) && name == "Fn::Sub" && argument as string == text;

    /// <summary>What every dataset table's name is on AWS: the prefix the functions get, then the dataset's name.</summary>
    private static string TableNameOf(string dataset) => "${AWS::StackName}-" + dataset;

    [Fact]
    public void The_ingest_policy_grants_BatchWriteItem_and_PutItem_on_this_stacks_tables_and_nothing_else()
    {
        var document = Map(Get(Properties(Map(Get(Resources, "IngestTablesPolicy"), "IngestTablesPolicy")), "PolicyDocument"), "PolicyDocument");
        var statement = Map(Assert.Single(List(Get(document, "Statement"), "Statement")), "Statement");

        Assert.Equal("Allow", Get(statement, "Effect"));
        // PutItem: the conditional write of versioned datasets (docs/datasets.md), which BatchWriteItem cannot carry.
        Assert.Equal(["dynamodb:BatchWriteItem", "dynamodb:PutItem"], List(Get(statement, "Action"), "Action").Cast<string>());
        Assert.True(IsSub(Get(statement, "Resource"), "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/" + TableNameOf("*")),
            "IngestTablesPolicy's Resource must be the ARN of every table named " + TableNameOf("*") + ", the name every dataset table has.");
    }

    [Fact]
    public void Every_function_that_finds_tables_gets_the_prefix_every_table_name_starts_with()
    {
        var prefixes = Resources
            .Select(resource => (resource.Key, Resource: Map(resource.Value, resource.Key)))
            .Where(resource => Get(resource.Resource, "Type") as string == LocalResourceNames.FunctionType)
            .Select(resource => (resource.Key, Variables: OptionalMap(Get(OptionalMap(Get(Properties(resource.Resource), "Environment"), "Environment"), "Variables"), "Variables")))
            .Where(function => function.Variables.ContainsKey(DatasetCatalog.TablePrefixVariable))
            .ToList();

        Assert.Equal(["DatasetsFunction", "IngestFunction"], prefixes.Select(function => function.Key).Order(StringComparer.Ordinal));
        Assert.All(prefixes, function => Assert.True(IsSub(Get(function.Variables, DatasetCatalog.TablePrefixVariable), TableNameOf("")),
            $"{function.Key}: {DatasetCatalog.TablePrefixVariable} must be !Sub {TableNameOf("")}"));
    }

    // Adding a dataset is its declaration file plus one section of template.yaml (docs/datasets.md): this names
    // every piece of that section that is missing or wrong, and every section left without its declaration.
    [Fact]
    public void Every_declared_dataset_has_its_whole_section_in_the_template_and_every_table_a_declaration()
    {
        var template = StackTemplateReader.Read(Path.Combine(RepositoryRoot.Find(), "template.yaml"));
        var catalog = DatasetCatalog.Load("");
        var tables = Tables();
        var missing = new List<string>();
        foreach (var dataset in catalog.All)
        {
            var found = tables.Where(table => DatasetOf(table.Resource) == dataset.Name).ToList();
            if (found.Count != 1)
            {
                missing.Add($"{dataset.Name}: an AWS::DynamoDB::Table with Metadata: {{Dynamo: {{Dataset: {dataset.Name}}}}}");
                continue;
            }
            var (logicalId, resource) = found[0];
            if (!IsSub(Get(Properties(resource), "TableName"), TableNameOf(dataset.Name)))
                missing.Add($"{dataset.Name}: {logicalId}'s TableName: !Sub {TableNameOf(dataset.Name)}");
            if (!WriteThrottleAlarmedTables().Any(value => IsRef(value, logicalId)))
                missing.Add($"{dataset.Name}: an AWS::CloudWatch::Alarm on AWS/DynamoDB WriteThrottleEvents with the dimension TableName: !Ref {logicalId}");
        }
        try
        {
            DatasetTables.CheckAgreement(catalog, template);
        }
        catch (TemplateException disagreement)
        {
            missing.Add(disagreement.Message);
        }
        foreach (var (logicalId, resource) in tables.Where(table => !catalog.TryGet(DatasetOf(table.Resource) ?? "", out _)))
            missing.Add($"{logicalId}: a declaration src/Dynamo.Core/Datasets/Declarations/{DatasetOf(resource)}.json for the dataset it holds");

        Assert.True(missing.Count == 0, "Adding a dataset needs:\n" + string.Join("\n", missing));
    }

    private static List<object?> WriteThrottleAlarmedTables() =>
        Resources.Values
            .Select(resource => Map(resource, "resource"))
            .Where(resource => Get(resource, "Type") as string == "AWS::CloudWatch::Alarm")
            .Select(Properties)
            .Where(alarm => Get(alarm, "Namespace") as string == "AWS/DynamoDB" && Get(alarm, "MetricName") as string == "WriteThrottleEvents")
            .SelectMany(alarm => List(Get(alarm, "Dimensions"), "Dimensions").Select(dimension => Map(dimension, "Dimensions")))
            .Where(dimension => Get(dimension, "Name") as string == "TableName")
            .Select(dimension => Get(dimension, "Value"))
            .ToList();
}
