using System.Buffers;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Basic.Reference.Assemblies;
using Amazon.Lambda.Annotations;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Dynamo.Contracts;
using Dynamo.Lambda.Annotations.Hosting;
using Dynamo.Lambda.Extensions;
using Dynamo.Lambda.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;

namespace Dynamo.Lambda.Generators.Tests;

/// <summary>
/// Compiles sample functions with the generator (CSharpGeneratorDriver) against the net10.0 reference
/// assemblies and Dynamo.Lambda, and, when asked, loads the result and invokes its handlers with events.
/// </summary>
internal sealed class GeneratorRun
{
    private static readonly MetadataReference[] References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(LambdaFunctionAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ErrorResponse).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(EnvironmentVariableAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ServiceCollection).Assembly.Location),
    ];

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Net;
        using System.Threading;
        using System.Threading.Tasks;
        using System.Text.Json.Serialization;
        using Amazon.Lambda.Annotations;
        using Amazon.Lambda.Annotations.APIGateway;
        using Amazon.Lambda.APIGatewayEvents;
        using Amazon.Lambda.Core;
        using Amazon.Lambda.Serialization.SystemTextJson;
        using Dynamo.Contracts;
        using Dynamo.Lambda.Extensions;
        using Microsoft.Extensions.DependencyInjection;

        """;

    private GeneratorRun(CSharpCompilation output, ImmutableArray<Diagnostic> generatorDiagnostics, string generated)
    {
        Output = output;
        GeneratorDiagnostics = generatorDiagnostics;
        Generated = generated;
    }

    public CSharpCompilation Output { get; }
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }
    public string Generated { get; }

    public static GeneratorRun Of(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Sample" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(Usings + source, new CSharpParseOptions(LanguageVersion.Latest), path: "Sample.cs")],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new LambdaFunctionGenerator());
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var generated = string.Join("\n", driver.GetRunResult().GeneratedTrees.Select(tree => tree.ToString()));
        return new GeneratorRun((CSharpCompilation)output, diagnostics, generated);
    }

    /// <summary>The generator's diagnostics and the compiler's errors and warnings.</summary>
    public IEnumerable<Diagnostic> Problems => GeneratorDiagnostics.Concat(
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));

    public Functions Load()
    {
        Assert.Empty(Problems.Select(p => p.ToString()));
        using var image = new MemoryStream();
        var emitted = Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var assembly = Assembly.Load(image.ToArray());
        var catalog = (FunctionCatalog)assembly.GetType("Dynamo.Lambda.Generated.LambdaFunctions")!
            .GetProperty("Catalog", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return new Functions(catalog);
    }

    /// <summary>The loaded functions of a sample, called with events written as API Gateway writes them (camelCase).</summary>
    internal sealed class Functions(FunctionCatalog catalog)
    {
        private static readonly JsonSerializerOptions Events = new(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };

        public FunctionCatalog Catalog => catalog;

        public async Task<APIGatewayProxyResponse> Call(string handler, APIGatewayProxyRequest request)
        {
            var response = await Invoke(handler, JsonSerializer.SerializeToUtf8Bytes(request, Events));
            return JsonSerializer.Deserialize<APIGatewayProxyResponse>(response, Events)!;
        }

        public async Task<APIGatewayCustomAuthorizerResponse> Authorize(string handler, APIGatewayCustomAuthorizerRequest request)
        {
            var response = await Invoke(handler, JsonSerializer.SerializeToUtf8Bytes(request, Events));
            return JsonSerializer.Deserialize<APIGatewayCustomAuthorizerResponse>(response, Events)!;
        }

        private async Task<byte[]> Invoke(string handler, byte[] payload)
        {
            var function = catalog.Create(new FunctionEnvironment { RuntimeApi = "127.0.0.1:1", Handler = handler });
            var response = new ArrayBufferWriter<byte>();
            await function(payload, response, new TestLambdaContext(), CancellationToken.None);
            return response.WrittenSpan.ToArray();
        }
    }

    public static string Text(APIGatewayProxyResponse response) => response.Body ?? "";

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>A response header by name, single- or multi-valued, without regard to case.</summary>
    public static string? Header(APIGatewayProxyResponse response, string name)
    {
        if (response.MultiValueHeaders?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { } values)
            return string.Join(",", values);
        return response.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
    }
}

/// <summary>A context for invoking handlers directly.</summary>
internal sealed class TestLambdaContext : ILambdaContext
{
    public string AwsRequestId => "req-1";
    public string InvokedFunctionArn => "arn:aws:lambda:us-east-1:123456789012:function:sample";
    public string FunctionName => "sample";
    public string FunctionVersion => "$LATEST";
    public int MemoryLimitInMB => 256;
    public string LogGroupName => "";
    public string LogStreamName => "";
    public TimeSpan RemainingTime => TimeSpan.FromMinutes(1);
    public ILambdaLogger Logger => ConsoleLambdaLogger.Instance;
}
