using Dynamo.Lambda.Annotations.Manifest;
using Dynamo.Lambda.Generated;
using Dynamo.Local.Store;
using Dynamo.Local.Template;

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
    public void Every_variable_a_function_declares_is_set_for_it_in_the_template()
    {
        foreach (var code in Code)
        {
            var declared = Stack.Functions.SingleOrDefault(function => Handler(function) == code.Handler);
            if (declared is null) continue;
            foreach (var (name, _) in code.Environment)
                Assert.True(declared.Environment.ContainsKey(name), $"{code.Method} declares {name}; template.yaml does not set it for {declared.LogicalId}");
        }
    }
}
