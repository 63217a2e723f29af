using Dynamo.Local.Store;
using Dynamo.Local.Template;

namespace Dynamo.Local.Tests.Template;

/// <summary>template.yaml's gateway responses, which the local stack applies as they deploy, and the guard on the test-only slowdown.</summary>
public class GatewayResponsesTemplateTests
{
    private static readonly string TemplatePath = Path.Combine(RepositoryRoot.Find(), "template.yaml");

    [Theory]
    [InlineData("MISSING_AUTHENTICATION_TOKEN", 404, "NotFoundException")]
    [InlineData("UNAUTHORIZED", 401, "UnauthorizedException")]
    [InlineData("ACCESS_DENIED", 403, "AccessDeniedException")]
    [InlineData("THROTTLED", 429, "ThrottledException")]
    [InlineData("REQUEST_TOO_LARGE", 413, "PayloadTooLargeException")]
    [InlineData("INTEGRATION_FAILURE", 503, "ServiceUnavailableException")]
    [InlineData("INTEGRATION_TIMEOUT", 504, "TimeoutException")]
    public void The_template_gives_each_failure_the_contracts_status_and_error_type(string responseType, int status, string errorType)
    {
        var response = StackTemplateReader.Read(TemplatePath).GatewayResponses[responseType];

        Assert.Equal(status, response.StatusCode);
        Assert.Contains($"\"type\":\"{errorType}\"", response.Templates["application/json"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("THROTTLED")]
    [InlineData("INTEGRATION_FAILURE")]
    public void Throttling_responses_carry_Retry_After(string responseType) =>
        Assert.Equal("1", StackTemplateReader.Read(TemplatePath).GatewayResponses[responseType].Headers["Retry-After"]);

    [Fact]
    public void A_header_mapped_from_the_request_is_refused_rather_than_emulated_wrongly()
    {
        const string yaml = """
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: dev
                  GatewayResponses:
                    THROTTLED:
                      ResponseParameters:
                        Headers: { X-Caller: method.request.header.X-Caller }
            """;

        var error = Assert.Throws<TemplateException>(() => StackTemplateReader.Parse(yaml));
        Assert.Contains("single quotes", error.Message, StringComparison.Ordinal);
    }

    // The functions' test-only faults (LocalFaultFilter) exists only when DYNAMO_STAGE is "local".
    [Fact]
    public void No_deployable_stage_is_local_and_every_function_takes_its_stage_from_the_Stage_parameter()
    {
        var stack = StackTemplateReader.Read(TemplatePath);
        foreach (var stage in new[] { "dev", "staging", "prod" })
        {
            var deployed = StackTemplateReader.Read(TemplatePath, new Dictionary<string, string> { ["Stage"] = stage });
            Assert.All(deployed.Functions, function => Assert.Equal(stage, function.Environment["DYNAMO_STAGE"]));
        }
        Assert.Throws<TemplateException>(() => StackTemplateReader.Read(TemplatePath, new Dictionary<string, string> { ["Stage"] = "local" }));
        Assert.NotEmpty(stack.Functions);
    }
}
