using System.Text.Json;
using Dynamo.Local.Template;

namespace Dynamo.Local.Tests.Template;

public class CloudFormationYamlTests
{
    [Theory]
    [InlineData("!Ref Stage", """{"Ref":"Stage"}""")]
    [InlineData("!Sub 'arn:${AWS::Partition}:x'", """{"Fn::Sub":"arn:${AWS::Partition}:x"}""")]
    [InlineData("!Sub ['${A}-x', { A: !Ref Stage }]", """{"Fn::Sub":["${A}-x",{"A":{"Ref":"Stage"}}]}""")]
    [InlineData("!GetAtt OrdersTable.Arn", """{"Fn::GetAtt":["OrdersTable","Arn"]}""")]
    [InlineData("!GetAtt Db.Endpoint.Address", """{"Fn::GetAtt":["Db","Endpoint.Address"]}""")]
    [InlineData("!GetAtt [OrdersTable, Arn]", """{"Fn::GetAtt":["OrdersTable","Arn"]}""")]
    [InlineData("!If [IsProd, a, b]", """{"Fn::If":["IsProd","a","b"]}""")]
    [InlineData("!Equals [!Ref Stage, prod]", """{"Fn::Equals":[{"Ref":"Stage"},"prod"]}""")]
    [InlineData("!Not [!Condition IsProd]", """{"Fn::Not":[{"Condition":"IsProd"}]}""")]
    [InlineData("!And [!Condition A, !Condition B]", """{"Fn::And":[{"Condition":"A"},{"Condition":"B"}]}""")]
    [InlineData("!Or [!Condition A, !Condition B]", """{"Fn::Or":[{"Condition":"A"},{"Condition":"B"}]}""")]
    [InlineData("!Split [',', !Ref AllowedCidrs]", """{"Fn::Split":[",",{"Ref":"AllowedCidrs"}]}""")]
    [InlineData("!Join ['-', [a, b]]", """{"Fn::Join":["-",["a","b"]]}""")]
    [InlineData("!Select [0, !GetAZs '']", """{"Fn::Select":["0",{"Fn::GetAZs":""}]}""")]
    [InlineData("!FindInMap [Sizes, !Ref Stage, Memory]", """{"Fn::FindInMap":["Sizes",{"Ref":"Stage"},"Memory"]}""")]
    [InlineData("!Condition IsProd", """{"Condition":"IsProd"}""")]
    [InlineData("!ImportValue shared-vpc", """{"Fn::ImportValue":"shared-vpc"}""")]
    [InlineData("!Base64 hello", """{"Fn::Base64":"hello"}""")]
    [InlineData("!Cidr [10.0.0.0/16, 2, 8]", """{"Fn::Cidr":["10.0.0.0/16","2","8"]}""")]
    public void Short_tags_read_as_their_long_form(string yaml, string expectedJson)
    {
        var document = CloudFormationYaml.Parse("Value: " + yaml);

        Assert.Equal(expectedJson, JsonSerializer.Serialize(document["Value"]));
    }

    [Fact]
    public void Plain_and_quoted_scalars_stay_strings_and_empty_values_are_null()
    {
        var document = CloudFormationYaml.Parse("A: 1024\nB: 'true'\nC:\nD: ''\n");

        Assert.Equal("1024", document["A"]);
        Assert.Equal("true", document["B"]);
        Assert.Null(document["C"]);
        Assert.Equal("", document["D"]);
    }

    [Fact]
    public void An_unknown_tag_is_a_template_error_naming_its_line()
    {
        var error = Assert.Throws<TemplateException>(() => CloudFormationYaml.Parse("A: 1\nB: !Reference Stage\n"));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("!Reference", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_given_twice_is_a_template_error()
    {
        Assert.Throws<TemplateException>(() => CloudFormationYaml.Parse("A: 1\nA: 2\n"));
    }

    [Fact]
    public void Invalid_yaml_is_a_template_error()
    {
        Assert.Throws<TemplateException>(() => CloudFormationYaml.Parse("A: [1, 2\n"));
    }
}
