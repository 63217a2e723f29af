using System.Text.Json;
using Dynamo.Local.Template;

namespace Dynamo.Local.Tests.Template;

public class TemplateEvaluatorTests
{
    private const string Declarations = """
        Parameters:
          Stage: { Type: String, Default: dev, AllowedValues: [dev, staging, prod] }
          Cidrs: { Type: CommaDelimitedList, Default: "127.0.0.1/32,::1/128" }
          Cap: { Type: String, Default: "" }
        Mappings:
          Sizes:
            dev: { Memory: 256 }
            prod: { Memory: 1024 }
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
          HasCap: !Not [!Equals [!Ref Cap, ""]]
          ProdWithCap: !And [!Condition IsProd, !Condition HasCap]
          ProdOrCap: !Or [!Condition IsProd, !Condition HasCap]
          Loops: !Not [!Condition Loops]
        Resources:
          OrdersTable: { Type: AWS::DynamoDB::Table, Metadata: { Dynamo: { Dataset: orders } } }
          IngestFunction: { Type: AWS::Serverless::Function }
          Bucket: { Type: AWS::S3::Bucket }
        """;

    [Theory]
    [InlineData("!Ref Stage", "dev")]
    [InlineData("!Ref AWS::Region", "us-east-1")]
    [InlineData("!Ref AWS::AccountId", "000000000000")]
    [InlineData("!Ref AWS::StackName", "dynamo-local")]
    [InlineData("!Ref OrdersTable", "orders")]
    [InlineData("!Ref IngestFunction", "IngestFunction")]
    [InlineData("!Ref IngestFunction.Alias", "arn:aws:lambda:us-east-1:000000000000:function:IngestFunction:Alias")]
    [InlineData("!GetAtt OrdersTable.Arn", "arn:aws:dynamodb:us-east-1:000000000000:table/orders")]
    [InlineData("!GetAtt [IngestFunction, Arn]", "arn:aws:lambda:us-east-1:000000000000:function:IngestFunction")]
    [InlineData("!Sub '${AWS::StackName}-${Stage}'", "dynamo-local-dev")]
    [InlineData("!Sub 'table ${OrdersTable} at ${OrdersTable.Arn}'", "table orders at arn:aws:dynamodb:us-east-1:000000000000:table/orders")]
    [InlineData("!Sub '${!Literal} ${Stage}'", "${Literal} dev")]
    [InlineData("!Sub ['${Name}-${Stage}', { Name: !Select [1, !Ref Cidrs] }]", "::1/128-dev")]
    [InlineData("!If [IsProd, big, small]", "small")]
    [InlineData("!Join ['|', !Ref Cidrs]", "127.0.0.1/32|::1/128")]
    [InlineData("!Select [1, !Split [',', 'a,b,c']]", "b")]
    [InlineData("!FindInMap [Sizes, !Ref Stage, Memory]", "256")]
    [InlineData("!Base64 hello", "aGVsbG8=")]
    [InlineData("!Select [0, !GetAZs '']", "us-east-1a")]
    [InlineData("!Join [' ', !Cidr [10.0.0.0/16, 3, 8]]", "10.0.0.0/24 10.0.1.0/24 10.0.2.0/24")]
    [InlineData("!Select [1, !Cidr ['fd00::/56', 2, 64]]", "fd00:0:0:1::/64")]
    public void Intrinsic_functions_resolve_to_their_local_values(string yaml, string expected)
    {
        Assert.Equal(expected, Evaluate(yaml));
    }

    [Theory]
    [InlineData("IsProd", false, "prod", true)]
    [InlineData("HasCap", false, "dev", false)]
    [InlineData("ProdWithCap", false, "prod", false)]
    [InlineData("ProdOrCap", false, "prod", true)]
    public void Conditions_follow_the_parameters(string condition, bool withDefaults, string stage, bool withStage)
    {
        Assert.Equal(withDefaults, Evaluator().Condition(condition));
        Assert.Equal(withStage, Evaluator(new() { ["Stage"] = stage }).Condition(condition));
    }

    [Fact]
    public void Conditions_combine_with_and_when_every_part_holds()
    {
        var evaluator = Evaluator(new() { ["Stage"] = "prod", ["Cap"] = "100" });

        Assert.True(evaluator.Condition("ProdWithCap"));
    }

    [Fact]
    public void AWS_NoValue_removes_the_entry_or_item_that_holds_it()
    {
        var value = Evaluate("{ Kept: 1, Dropped: !If [IsProd, 2, !Ref AWS::NoValue], Items: [a, !Ref AWS::NoValue, b] }");

        Assert.Equal("""{"Kept":"1","Items":["a","b"]}""", JsonSerializer.Serialize(value));
    }

    [Fact]
    public void A_top_level_AWS_NoValue_is_null()
    {
        Assert.Null(Evaluate("!If [IsProd, { MaxWriteRequestUnits: 5 }, !Ref AWS::NoValue]"));
    }

    [Theory]
    [InlineData("!ImportValue shared-vpc", "Fn::ImportValue")]
    [InlineData("!Ref Nothing", "Nothing")]
    [InlineData("!GetAtt Bucket.DomainName", "Bucket.DomainName")]
    [InlineData("!If [Unknown, a, b]", "Unknown")]
    [InlineData("!Select [5, [a, b]]", "index 5")]
    [InlineData("!Condition Loops", "depends on itself")]
    public void What_cannot_be_resolved_locally_is_a_clear_template_error(string yaml, string mentioned)
    {
        var error = Assert.Throws<TemplateException>(() => Evaluate(yaml));

        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }

    private static object? Evaluate(string valueYaml)
    {
        var document = CloudFormationYaml.Parse(Declarations + "\nValue: " + valueYaml);
        return Evaluator(document: document).Evaluate(document["Value"]);
    }

    private static TemplateEvaluator Evaluator(Dictionary<string, string>? overrides = null, Dictionary<string, object?>? document = null)
    {
        document ??= CloudFormationYaml.Parse(Declarations);
        var resources = TemplateValue.Map(document["Resources"], "Resources");
        return new TemplateEvaluator(
            TemplateParameters.Resolve(TemplateValue.Map(document["Parameters"], "Parameters"), overrides ?? []),
            TemplateValue.Map(document["Conditions"], "Conditions"),
            TemplateValue.Map(document["Mappings"], "Mappings"),
            new LocalResourceNames(resources));
    }
}
