using Dynamo.Core.Access;

namespace Dynamo.Functions.Tests.Access;

public sealed class ApiArnTests
{
    [Theory]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/POST/datasets/orders/rows", "arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/*/*")]
    [InlineData("arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/GET/", "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/prod/*/*")]
    [InlineData("arn:aws-cn:execute-api:cn-north-1:123456789012:api1/staging/GET/datasets", "arn:aws-cn:execute-api:cn-north-1:123456789012:api1/staging/*/*")]
    public void The_whole_stage_is_derived_from_a_method_ARN(string methodArn, string expected) =>
        Assert.Equal(expected, ApiArn.WholeStage(methodArn));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:f")]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abcdef1234")]
    [InlineData("arn:aws:execute-api:us-east-1::abcdef1234/dev/GET/")]
    public void Anything_else_has_no_whole_stage(string? methodArn) => Assert.Null(ApiArn.WholeStage(methodArn));
}
