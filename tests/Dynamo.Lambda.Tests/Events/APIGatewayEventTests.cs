using System.Text.Json;
using System.Text.Json.Nodes;
using Dynamo.Local.Gateway.Events;
using Dynamo.Testing;

namespace Dynamo.Lambda.Tests.Events;

public sealed class APIGatewayEventTests
{
    private static readonly APIGatewayJsonContext Json = APIGatewayJsonContext.Default;

    [Fact]
    public void A_REST_proxy_event_reads_every_documented_field()
    {
        var e = JsonSerializer.Deserialize(EventFixtures.Text(EventFixtures.RestProxy), Json.APIGatewayProxyRequest)!;

        Assert.Equal("/datasets/{dataset}/rows", e.Resource);
        Assert.Equal("/datasets/orders/rows", e.Path);
        Assert.Equal("POST", e.HttpMethod);
        Assert.Equal("application/json", e.Headers!["Content-Type"]);
        Assert.Equal(["203.0.113.10"], e.MultiValueHeaders!["X-Forwarded-For"]);
        Assert.Equal("all", e.QueryStringParameters!["rows"]);
        Assert.Equal(["failed", "all"], e.MultiValueQueryStringParameters!["rows"]);
        Assert.Equal("orders", e.PathParameters!["dataset"]);
        Assert.Equal("-dev", e.StageVariables!["tableSuffix"]);
        Assert.StartsWith("{\"rows\":[", e.Body);
        Assert.False(e.IsBase64Encoded);

        var c = e.RequestContext!;
        Assert.Equal("123456789012", c.AccountId);
        Assert.Equal("abcdef1234", c.ApiId);
        Assert.Equal(12, c.Authorizer!["integrationLatency"].GetInt32());
        Assert.True(c.Authorizer["trusted"].GetBoolean());
        Assert.Equal("203.0.113.10", c.Authorizer["principalId"].GetString());
        Assert.Equal("abcdef1234.execute-api.us-east-1.amazonaws.com", c.DomainName);
        Assert.Equal("abcdef1234", c.DomainPrefix);
        Assert.Equal("XyZ1aGhIoAMFabc=", c.ExtendedRequestId);
        Assert.Equal("POST", c.HttpMethod);
        Assert.Equal("/dev/datasets/orders/rows", c.Path);
        Assert.Equal("HTTP/1.1", c.Protocol);
        Assert.Equal("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", c.RequestId);
        Assert.Equal("09/Apr/2026:12:34:56 +0000", c.RequestTime);
        Assert.Equal(1775738096000, c.RequestTimeEpoch);
        Assert.Equal("x1y2z3", c.ResourceId);
        Assert.Equal("/datasets/{dataset}/rows", c.ResourcePath);
        Assert.Equal("dev", c.Stage);

        var i = c.Identity!;
        Assert.Equal("203.0.113.10", i.SourceIp);
        Assert.Equal("curl/8.5.0", i.UserAgent);
        Assert.Equal("test-invoke-api-key", i.ApiKey);
        Assert.Equal("test-invoke-api-key-id", i.ApiKeyId);
        Assert.Equal("vpc-0a1b2c3d", i.VpcId);
        Assert.Equal("vpce-0a1b2c3d4e", i.VpceId);
        Assert.Null(i.AccessKey);
        Assert.Null(i.CognitoIdentityPoolId);
        Assert.Null(i.UserArn);
        Assert.Equal("CN=client.example.com,O=Example", i.ClientCert!.SubjectDN);
        Assert.Equal("CN=Example CA,O=Example", i.ClientCert.IssuerDN);
        Assert.Equal("a1:b2:c3:d4", i.ClientCert.SerialNumber);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", i.ClientCert.ClientCertPem);
        Assert.Equal("Aug  5 09:36:04 2021 GMT", i.ClientCert.Validity!.NotAfter);
    }

    [Fact]
    public void A_REQUEST_authorizer_event_reads_every_documented_field()
    {
        var e = JsonSerializer.Deserialize(EventFixtures.Text(EventFixtures.RequestAuthorizer), Json.APIGatewayCustomAuthorizerRequest)!;

        Assert.Equal("REQUEST", e.Type);
        Assert.Equal("arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/POST/datasets/orders/rows", e.MethodArn);
        Assert.Equal("/datasets/{dataset}/rows", e.Resource);
        Assert.Equal("/datasets/orders/rows", e.Path);
        Assert.Equal("POST", e.HttpMethod);
        Assert.Equal("203.0.113.10", e.Headers!["X-Forwarded-For"]);
        Assert.Equal(["*/*"], e.MultiValueHeaders!["Accept"]);
        Assert.Equal("all", e.QueryStringParameters!["rows"]);
        Assert.Equal(["all"], e.MultiValueQueryStringParameters!["rows"]);
        Assert.Equal("orders", e.PathParameters!["dataset"]);
        Assert.Equal("-dev", e.StageVariables!["tableSuffix"]);
        Assert.Equal("203.0.113.10", e.RequestContext!.Identity!.SourceIp);
        Assert.Null(e.RequestContext.Identity.ClientCert);
        Assert.Equal("dev", e.RequestContext.Stage);
        Assert.Equal("abcdef1234", e.RequestContext.ApiId);
        Assert.Equal("/datasets/{dataset}/rows", e.RequestContext.ResourcePath);
    }

    [Fact]
    public void An_authorizer_response_writes_the_policy_document_in_IAM_PascalCase()
    {
        var response = new APIGatewayCustomAuthorizerResponse
        {
            PrincipalId = "203.0.113.10",
            PolicyDocument = new APIGatewayCustomAuthorizerPolicy
            {
                Statement = [new APIGatewayPolicyStatement { Effect = APIGatewayPolicyStatement.Allow, Resource = ["arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/*/*"] }],
            },
            Context = new Dictionary<string, JsonElement> { ["count"] = JsonSerializer.SerializeToElement(1, Json.Int32) },
            UsageIdentifierKey = "key-1",
        };

        var json = JsonNode.Parse(JsonSerializer.Serialize(response, Json.APIGatewayCustomAuthorizerResponse))!;

        Assert.Equal("203.0.113.10", (string?)json["principalId"]);
        Assert.Equal("2012-10-17", (string?)json["policyDocument"]!["Version"]);
        var statement = json["policyDocument"]!["Statement"]![0]!;
        Assert.Equal("execute-api:Invoke", (string?)statement["Action"]);
        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal("arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/*/*", (string?)statement["Resource"]);
        Assert.Equal(1, (int?)json["context"]!["count"]);
        Assert.Equal("key-1", (string?)json["usageIdentifierKey"]);
    }

    [Fact]
    public void A_policy_statement_reads_Action_and_Resource_as_a_string_or_a_list()
    {
        const string policy = """{"principalId":"p","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":["execute-api:Invoke"],"Effect":"Deny","Resource":["a","b"]}]}}""";

        var response = JsonSerializer.Deserialize(policy, Json.APIGatewayCustomAuthorizerResponse)!;

        var statement = Assert.Single(response.PolicyDocument.Statement);
        Assert.Equal(["execute-api:Invoke"], statement.Action);
        Assert.Equal(["a", "b"], statement.Resource);
        Assert.Equal("Deny", statement.Effect);
    }

    [Fact]
    public void A_proxy_response_writes_the_payload_1_0_members_and_leaves_absent_ones_out()
    {
        var response = new APIGatewayProxyResponse
        {
            StatusCode = 207,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            MultiValueHeaders = new Dictionary<string, IReadOnlyList<string>> { ["Set-Cookie"] = ["a=1", "b=2"] },
            Body = "{}",
        };

        var json = JsonNode.Parse(JsonSerializer.Serialize(response, Json.APIGatewayProxyResponse))!.AsObject();

        Assert.Equal(207, (int?)json["statusCode"]);
        Assert.Equal("application/json", (string?)json["headers"]!["Content-Type"]);
        Assert.Equal("b=2", (string?)json["multiValueHeaders"]!["Set-Cookie"]![1]);
        Assert.Equal("{}", (string?)json["body"]);
        Assert.False((bool?)json["isBase64Encoded"]);
        Assert.Equal(["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"], json.Select(p => p.Key));
    }
}
