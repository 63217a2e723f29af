using Dynamo.Lambda.Annotations.Manifest;
using Dynamo.Lambda.Generated;
using Dynamo.Local.Store;
using Dynamo.Local.Template;
using static Dynamo.Local.Template.TemplateValue;

namespace Dynamo.Functions.Tests;

// template.yaml (the production stack) and the functions' attributes describe the same functions: the same
// handlers, memory, timeouts, routes and authorizer. A change to one without the other fails here.
public sealed class TemplateDriftTests
{
    private static readonly StackTemplate Stack = StackTemplateReader.Read(Path.Combine(RepositoryRoot.Find(), "template.yaml"));
    private static readonly IReadOnlyList<FunctionDescription> Code = LambdaFunctions.Catalog.Functions;

    /// <summary>The method a template function runs: its ANNOTATIONS_HANDLER, as Amazon.Lambda.Annotations' Main reads it.</summary>
    private static string? Handler(FunctionDefinition function) => function.Environment.GetValueOrDefault("ANNOTATIONS_HANDLER");

    [Fact]
    public void Every_function_of_the_template_is_the_bootstrap_executable_running_the_method_ANNOTATIONS_HANDLER_names()
    {
        Assert.All(Stack.Functions, function => Assert.Equal("bootstrap", function.Handler));
        Assert.Equal(
            Stack.Functions.Select(Handler).Order(StringComparer.Ordinal),
            Code.Select(function => function.Handler).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Each_function_has_the_memory_and_timeout_its_attribute_states()
    {
        foreach (var declared in Stack.Functions)
        {
            var code = Code.SingleOrDefault(function => function.Handler == Handler(declared));
            if (code is null) continue;
            Assert.True(code.MemorySize == declared.MemorySizeMb,
                $"{declared.LogicalId}: template.yaml says MemorySize {declared.MemorySizeMb}, {code.Method} says {code.MemorySize}");
            Assert.True(code.Timeout == (int)declared.Timeout.TotalSeconds,
                $"{declared.LogicalId}: template.yaml says Timeout {declared.Timeout.TotalSeconds}, {code.Method} says {code.Timeout}");
        }
    }

    [Fact]
    public void The_routes_and_whether_the_authorizer_guards_them_agree()
    {
        var declared = Stack.Routes
            .Select(route => $"{route.Method} {route.PathTemplate} -> {Handler(Stack.Function(route.FunctionLogicalId))}{(route.RequiresAuthorization ? "" : " (open)")}")
            .Order(StringComparer.Ordinal);
        var code = Code
            .SelectMany(function => function.Routes.Select(route =>
                $"{route.Method.ToUpperInvariant()} {route.Path} -> {function.Handler}{(route.IsOpen ? " (open)" : "")}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(declared, code);
    }

    [Fact]
    public void The_API_authorizer_is_the_function_marked_RestApiAuthorizer()
    {
        var authorizer = Assert.Single(Code, function => function.Authorizer is not null);

        Assert.NotNull(Stack.Authorizer);
        Assert.Equal(Handler(Stack.Function(Stack.Authorizer.FunctionLogicalId)), authorizer.Handler);
        Assert.Equal(Stack.Authorizer.Name, authorizer.Authorizer!.Name);
        Assert.Equal("REQUEST", Stack.Authorizer.PayloadType);
        Assert.Equal(Stack.Authorizer.CacheTtl, TimeSpan.FromSeconds(authorizer.Authorizer.ResultTtlInSeconds));
        // The attribute can only name a header; the template keys the cache by the TCP source IP, which a caller cannot choose.
        Assert.Equal(["context.identity.sourceIp"], Stack.Authorizer.IdentitySources);
    }

    [Fact]
    public void Each_function_gets_exactly_the_variables_its_attributes_declare_with_their_defaults_as_values()
    {
        foreach (var code in Code)
        {
            var declared = Stack.Functions.Single(function => Handler(function) == code.Handler);
            // Evaluated with the template's parameter defaults, as the local stack runs it; a variable's value there is
            // the default its [EnvironmentVariable] states (DYNAMO_TABLE_PREFIX is empty locally, LocalResourceNames).
            var template = declared.Environment.Where(variable => variable.Key != "ANNOTATIONS_HANDLER")
                .Select(variable => $"{variable.Key}={variable.Value}").Order(StringComparer.Ordinal);
            var attributes = code.Environment.Select(variable => $"{variable.Key}={variable.Value}").Order(StringComparer.Ordinal);
            Assert.True(template.SequenceEqual(attributes),
                $"{declared.LogicalId}: template.yaml sets [{string.Join(", ", template)}]; {code.Method}'s attributes declare [{string.Join(", ", attributes)}]");
        }
    }

    [Fact]
    public void Each_function_has_the_policies_its_attribute_names_and_each_named_policy_is_a_managed_policy_of_the_template()
    {
        foreach (var code in Code)
        {
            var declared = Stack.Functions.Single(function => Handler(function) == code.Handler);
            var template = TemplatePolicies(declared.LogicalId);
            Assert.True(template.SequenceEqual(code.Policies.Order(StringComparer.Ordinal)),
                $"{declared.LogicalId}: template.yaml's Policies are [{string.Join(", ", template)}]; {code.Method} names [{string.Join(", ", code.Policies)}]");
            foreach (var reference in code.Policies.Where(policy => policy.StartsWith('@')))
                Assert.True(Get(Resources, reference[1..]) is IReadOnlyDictionary<string, object?> resource && Get(resource, "Type") as string == "AWS::IAM::ManagedPolicy",
                    $"{code.Method} names the policy {reference}; template.yaml has no AWS::IAM::ManagedPolicy {reference[1..]}");
        }
    }

    private static readonly Dictionary<string, object?> Document = CloudFormationYaml.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "template.yaml")));
    private static IReadOnlyDictionary<string, object?> Resources => Map(Get(Document, "Resources"), "Resources");

    /// <summary>A function's Policies as the attribute writes them: a managed policy's name, or "@Resource" for <c>!Ref Resource</c>.</summary>
    private static List<string> TemplatePolicies(string logicalId)
    {
        var properties = OptionalMap(Get(Map(Get(Resources, logicalId), logicalId), "Properties"), $"{logicalId}.Properties");
        var policies = Get(properties, "Policies") is { } list ? List(list, $"{logicalId}.Policies") : [];
        return [.. policies
            .Select(policy => policy switch
            {
                string name => name,
                _ when IsIntrinsic(policy, out var function, out var argument) && function == "Ref" && argument is string resource => "@" + resource,
                _ => "(an inline policy statement: name a managed policy resource instead, in the template and the attribute)",
            })
            .Order(StringComparer.Ordinal)];
    }
}
