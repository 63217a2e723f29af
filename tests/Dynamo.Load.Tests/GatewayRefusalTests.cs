using System.Net;
using System.Text;
using Dynamo.Load.Measuring;

namespace Dynamo.Load.Tests;

/// <summary>How `dynamo load` tells a 429 of the gateway apart: the body's type, then the local stack's header (docs/api-keys.md).</summary>
public class GatewayRefusalTests
{
    private static string? Kind(int status, string body, string? awsType = null, string? throttledBy = null)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        if (awsType is not null) response.Headers.Add("x-amzn-ErrorType", awsType);
        if (throttledBy is not null) response.Headers.Add(GatewayRefusal.ThrottledByHeader, throttledBy);
        return GatewayRefusal.Of(response, Encoding.UTF8.GetBytes(body));
    }

    [Fact]
    public void The_quota_the_plans_rate_and_the_stages_rate_are_told_apart_and_AWSs_alike_answers_stay_one_count()
    {
        const string quota = """{"message":"Limit Exceeded: ...","type":"LimitExceededException"}""";
        const string throttled = """{"message":"Too Many Requests: ...","type":"ThrottledException"}""";

        Assert.Equal(GatewayRefusal.Quota, Kind(429, quota, "LimitExceededException"));
        Assert.Equal(GatewayRefusal.PlanRate, Kind(429, throttled, "TooManyRequestsException", "usage-plan"));
        Assert.Equal(GatewayRefusal.Stage, Kind(429, throttled, "TooManyRequestsException", "stage"));
        Assert.Equal(GatewayRefusal.PlanRateOrStage, Kind(429, throttled, "TooManyRequestsException"));
        // API Gateway's own default bodies, without the template's: the error type header still says which.
        Assert.Equal(GatewayRefusal.Quota, Kind(429, """{"message":"Limit Exceeded"}""", "LimitExceededException"));
        Assert.Equal(GatewayRefusal.PlanRateOrStage, Kind(429, """{"message":"Too Many Requests"}""", "TooManyRequestsException"));
    }

    [Fact]
    public void The_stores_429_with_its_rows_and_every_other_answer_is_no_gateway_refusal()
    {
        Assert.Null(Kind(429, """{"requestId":"r","dataset":"orders","complete":false,"summary":{"received":1,"stored":0,"invalid":0,"duplicate":0,"retry":1},"rows":[]}"""));
        Assert.Null(Kind(200, """{"message":"x","type":"LimitExceededException"}"""));
        Assert.Null(Kind(503, """{"message":"x","type":"ServiceUnavailableException"}"""));
    }
}
