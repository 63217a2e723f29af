using Dynamo.Local.Store;
using Dynamo.Local.Template;

namespace Dynamo.Local.Tests.Template;

public class StackTemplateReaderTests
{
    private static readonly string TemplatePath = Path.Combine(RepositoryRoot.Find(), "template.yaml");

    [Fact]
    public void The_repository_template_reads_into_the_local_stack_with_its_defaults()
    {
        var stack = StackTemplateReader.Read(TemplatePath);

        Assert.Equal("dev", stack.StageName);
        Assert.Equal(
            [
                new ApiRoute("POST", "/datasets/{dataset}/rows", "IngestFunction", true, TimeSpan.FromSeconds(29)),
                new ApiRoute("GET", "/datasets", "DatasetsFunction", true, TimeSpan.FromSeconds(29)),
                new ApiRoute("GET", "/health", "HealthFunction", false, TimeSpan.FromSeconds(29)),
                new ApiRoute("GET", "/openapi.json", "OpenApiFunction", false, TimeSpan.FromSeconds(29)),
            ],
            stack.Routes);
        Assert.Equal(new StageThrottling(50, 100), stack.Throttling);

        var authorizer = Assert.IsType<AuthorizerDefinition>(stack.Authorizer);
        Assert.Equal(("AuthorizerFunction", "REQUEST", TimeSpan.FromSeconds(300)), (authorizer.FunctionLogicalId, authorizer.PayloadType, authorizer.CacheTtl));
        Assert.Equal(["context.identity.sourceIp"], authorizer.IdentitySources);

        Assert.Equal(
            [("IngestFunction", "bootstrap", "PostRows"), ("AuthorizerFunction", "bootstrap", "Authorize"),
             ("DatasetsFunction", "bootstrap", "ListDatasets"), ("HealthFunction", "bootstrap", "CheckHealth"),
             ("OpenApiFunction", "bootstrap", "GetOpenApi")],
            stack.Functions.Select(f => (f.LogicalId, f.Handler, f.Environment["ANNOTATIONS_HANDLER"])));
        var ingest = stack.Function("IngestFunction");
        Assert.Equal((1024, TimeSpan.FromSeconds(30), (int?)20), (ingest.MemorySizeMb, ingest.Timeout, ingest.ReservedConcurrency));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["DYNAMO_STAGE"] = "dev",
                ["INTEGRATION_TIMEOUT_MS"] = "29000",
                ["ANNOTATIONS_HANDLER"] = "PostRows",
                // Locally tables carry their dataset's name: no prefix, whatever template.yaml sets for AWS.
                ["DYNAMO_TABLE_PREFIX"] = "",
            },
            ingest.Environment);
        var authorizerFunction = stack.Function("AuthorizerFunction");
        Assert.Equal("127.0.0.1/32,::1/128", authorizerFunction.Environment["ALLOWED_CIDRS"]);
        Assert.Null(authorizerFunction.ReservedConcurrency);
        Assert.DoesNotContain("ALLOWED_CIDRS", ingest.Environment.Keys);

        Assert.Equal(
            [
                new TableDefinition("OrdersTable", "orders", new TableKey("orderId", "S"), null, null),
                new TableDefinition("ReadingsTable", "readings", new TableKey("deviceId", "S"), new TableKey("ts", "S"), null),
                new TableDefinition("InventoryTable", "inventory", new TableKey("sku", "S"), null, null),
            ],
            stack.Tables);
    }

    [Fact]
    public void RequireApiKey_puts_the_ingest_and_datasets_routes_behind_the_default_key_and_its_plan()
    {
        var stack = StackTemplateReader.Read(TemplatePath, new Dictionary<string, string>
        {
            ["RequireApiKey"] = "true",
            ["DefaultPlanRateLimit"] = "5",
            ["DefaultPlanBurstLimit"] = "10",
            ["DefaultPlanQuotaLimit"] = "1000",
            ["DefaultPlanQuotaPeriod"] = "WEEK",
        });

        Assert.Equal(
            [("/datasets/{dataset}/rows", true), ("/datasets", true), ("/health", false), ("/openapi.json", false)],
            stack.Routes.Select(route => (route.PathTemplate, route.ApiKeyRequired)));
        var plan = Assert.Single(stack.UsagePlans);
        Assert.Equal(("DefaultUsagePlan", new StageThrottling(5, 10), new UsageQuotaDefinition(1000, "WEEK")), (plan.LogicalId, plan.Throttle, plan.Quota));
        var key = Assert.Single(stack.ApiKeys);
        Assert.Equal(("DefaultApiKey", (string?)null, true), (key.LogicalId, key.Value, key.Enabled));
        Assert.Equal(["DefaultUsagePlan"], key.UsagePlans);

        // No quota unless DefaultPlanQuotaLimit sets one; a fixed value for tests.
        var fixedKey = StackTemplateReader.Read(TemplatePath, new Dictionary<string, string>
        {
            ["RequireApiKey"] = "true",
            ["DefaultApiKeyValue"] = "fixed-value-0123456789",
        });
        Assert.Null(Assert.Single(fixedKey.UsagePlans).Quota);
        Assert.Equal("fixed-value-0123456789", Assert.Single(fixedKey.ApiKeys).Value);
    }

    [Fact]
    public void A_plan_of_another_API_is_not_this_stages_and_a_key_without_Enabled_is_disabled_as_in_CloudFormation()
    {
        const string yaml = """
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: dev
              Plan:
                Type: AWS::ApiGateway::UsagePlan
                Properties:
                  ApiStages: [{ ApiId: a1b2c3d4e5, Stage: prod }]
              Key:
                Type: AWS::ApiGateway::ApiKey
                Properties: { Name: k }
              Membership:
                Type: AWS::ApiGateway::UsagePlanKey
                Properties: { KeyId: !Ref Key, KeyType: API_KEY, UsagePlanId: !Ref Plan }
            """;

        var stack = StackTemplateReader.Parse(yaml);

        Assert.Empty(stack.UsagePlans);
        var key = Assert.Single(stack.ApiKeys);
        Assert.Equal(("k", false), (key.Name, key.Enabled));
        Assert.Empty(key.UsagePlans);
    }

    [Fact]
    public void Parameter_overrides_reach_the_stage_functions_routes_and_tables()
    {
        var stack = StackTemplateReader.Read(TemplatePath, new Dictionary<string, string>
        {
            ["Stage"] = "prod",
            ["AllowedCidrs"] = "10.1.0.0/16",
            ["ThrottlingRateLimit"] = "5",
            ["ThrottlingBurstLimit"] = "7",
            ["ReservedConcurrency"] = "2",
            ["IntegrationTimeoutMs"] = "1500",
            ["MaxWriteRequestUnits"] = "400",
            ["AuthorizerCacheTtlSeconds"] = "0",
        });

        Assert.Equal("prod", stack.StageName);
        Assert.All(stack.Routes, route => Assert.Equal(TimeSpan.FromMilliseconds(1500), route.IntegrationTimeout));
        Assert.Equal(new StageThrottling(5, 7), stack.Throttling);
        Assert.Equal(TimeSpan.Zero, stack.Authorizer!.CacheTtl);
        Assert.Equal(2, stack.Function("IngestFunction").ReservedConcurrency);
        Assert.Equal("1500", stack.Function("IngestFunction").Environment["INTEGRATION_TIMEOUT_MS"]);
        Assert.Equal("prod", stack.Function("HealthFunction").Environment["DYNAMO_STAGE"]);
        Assert.Equal("10.1.0.0/16", stack.Function("AuthorizerFunction").Environment["ALLOWED_CIDRS"]);
        Assert.All(stack.Tables, table => Assert.Equal(400, table.MaxWriteRequestUnits));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    public void An_empty_or_zero_write_cap_leaves_the_tables_uncapped(string cap)
    {
        var stack = StackTemplateReader.Read(TemplatePath, new Dictionary<string, string> { ["MaxWriteRequestUnits"] = cap });

        Assert.All(stack.Tables, table => Assert.Null(table.MaxWriteRequestUnits));
    }

    [Fact]
    public void An_unknown_parameter_for_the_repository_template_is_a_clear_error()
    {
        var error = Assert.Throws<TemplateException>(() =>
            StackTemplateReader.Read(TemplatePath, new Dictionary<string, string> { ["WriteCapacity"] = "5" }));

        Assert.StartsWith("Unknown parameter 'WriteCapacity': template.yaml declares Stage, AllowedCidrs,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_whose_condition_is_false_is_not_part_of_the_stack()
    {
        var stack = StackTemplateReader.Parse(Minimal("""
              Extra:
                Type: AWS::DynamoDB::Table
                Condition: IsProd
                Metadata: { Dynamo: { Dataset: extra } }
                Properties:
                  AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
            """), new Dictionary<string, string>());

        Assert.Empty(stack.Tables);
        Assert.Single(StackTemplateReader.Parse(Minimal(""), new Dictionary<string, string>()).Routes);
    }

    [Fact]
    public void A_functions_provisioned_concurrency_is_read_from_its_config_and_absent_without_one()
    {
        var stack = StackTemplateReader.Parse(Minimal("""
              Provisioned:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: health
                  AutoPublishAlias: live
                  ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 3 }
            """), new Dictionary<string, string>());

        Assert.Equal(3, stack.Function("Provisioned").ProvisionedConcurrency);
        Assert.Null(stack.Function("Fn").ProvisionedConcurrency);
    }

    [Fact]
    public void A_table_without_its_dataset_in_metadata_is_a_clear_error()
    {
        var error = Assert.Throws<TemplateException>(() => StackTemplateReader.Parse(Minimal("""
              Orphan:
                Type: AWS::DynamoDB::Table
                Properties:
                  AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                  KeySchema: [{ AttributeName: id, KeyType: HASH }]
            """)));

        Assert.Contains("Metadata: { Dynamo: { Dataset: NAME } }", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_without_an_api_cannot_run_locally()
    {
        var error = Assert.Throws<TemplateException>(() => StackTemplateReader.Parse("Resources: {}"));

        Assert.Contains("exactly one AWS::Serverless::Api", error.Message, StringComparison.Ordinal);
    }

    // An API with one open route and no authorizer, plus the given resources.
    private static string Minimal(string resources) => """
        Parameters:
          Stage: { Type: String, Default: dev }
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties: { StageName: !Ref Stage }
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: health
              Events:
                Get: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /health, Method: get } }
        """ + "\n" + resources;
}
