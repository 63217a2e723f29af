using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Dynamo.Lambda.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Dynamo.Lambda.Generators;

/// <summary>
/// For each [LambdaFunction] method, what Amazon.Lambda.Annotations' generator would give it, in the stand-in's terms:
/// its handler (the event bound to the parameters, the call, the result mapped to a response), its entry in
/// <c>Dynamo.Lambda.Generated.LambdaFunctions.Catalog</c> by method name, its description for serverless.template,
/// and, with <c>[assembly: LambdaGlobalProperties(GenerateMain = true)]</c>, the <c>Main</c> that runs the function
/// <c>ANNOTATIONS_HANDLER</c> names. It writes no files: <c>dynamo template</c> does, when asked.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LambdaFunctionGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var functions = context.SyntaxProvider.ForAttributeWithMetadataName(
            KnownTypes.LambdaFunction,
            static (node, _) => true,
            static (attributed, _) => FunctionReader.Read(
                (IMethodSymbol)attributed.TargetSymbol, attributed.Attributes[0], new KnownTypes(attributed.SemanticModel.Compilation)))
            .Collect();
        var startups = context.SyntaxProvider.ForAttributeWithMetadataName(
            KnownTypes.LambdaStartup,
            static (node, _) => true,
            static (attributed, _) => StartupReader.Read((INamedTypeSymbol)attributed.TargetSymbol, new KnownTypes(attributed.SemanticModel.Compilation)))
            .Collect();
        var assembly = context.CompilationProvider.Select(static (compilation, _) => StartupReader.ReadAssembly(compilation));

        context.RegisterSourceOutput(functions.Combine(startups).Combine(assembly),
            static (output, models) => Produce(output, models.Left.Left, models.Left.Right, models.Right));
    }

    private static void Produce(SourceProductionContext output, ImmutableArray<FunctionModel> functions, ImmutableArray<StartupModel> startups, AssemblyModel assembly)
    {
        if (functions.IsEmpty) return;
        var broken = new HashSet<FunctionModel>();
        void Report(Diagnostic diagnostic, FunctionModel? function = null)
        {
            output.ReportDiagnostic(diagnostic);
            if (function is not null) broken.Add(function);
        }

        foreach (var function in functions)
            foreach (var diagnostic in function.Diagnostics)
                Report(diagnostic.ToDiagnostic(), function);

        var startup = startups.FirstOrDefault();
        foreach (var extra in startups.Skip(1))
            Report(Diagnostic.Create(Diagnostics.BadStartup, extra.Location?.ToLocation(), extra.Type, $"'{startup!.Type}' is already the [LambdaStartup] class; there is one"));
        foreach (var diagnostic in startup?.Diagnostics ?? default)
            Report(diagnostic.ToDiagnostic());

        foreach (var function in functions)
        {
            if (assembly.Serializer is null)
            {
                Report(Diagnostic.Create(Diagnostics.NoSerializer, function.Location?.ToLocation(), function.DisplayName), function);
                continue;
            }
            if (assembly.SerializableTypes is not { } serializable) continue;
            foreach (var use in function.JsonTypes.Where(use => !serializable.Contains(use.Type)))
                Report(Diagnostic.Create(Diagnostics.NoJsonContext, use.Location?.ToLocation(), use.Type.Replace("global::", ""), function.DisplayName), function);
        }

        var byHandler = new Dictionary<string, FunctionModel>();
        var authorizers = new Dictionary<string, FunctionModel>();
        foreach (var function in functions)
        {
            if (byHandler.TryGetValue(function.Handler, out var first))
                Report(Diagnostic.Create(Diagnostics.DuplicateHandler, function.Location?.ToLocation(), function.Handler, function.DisplayName, first.DisplayName), function);
            else
                byHandler.Add(function.Handler, function);
            if (function.Authorizer is not { } authorizer) continue;
            if (authorizers.ContainsKey(authorizer.Name))
                Report(Diagnostic.Create(Diagnostics.TwoAuthorizers, function.Location?.ToLocation(), function.DisplayName, authorizer.Name), function);
            else
                authorizers.Add(authorizer.Name, function);
        }
        foreach (var function in functions.Where(f => f.RouteAuthorizer is { } name && !authorizers.ContainsKey(name)))
            Report(Diagnostic.Create(Diagnostics.UnknownAuthorizer, function.Location?.ToLocation(), function.DisplayName, function.RouteAuthorizer), function);

        var healthy = functions.Where(function => !broken.Contains(function)).ToList();
        output.AddSource("LambdaFunctions.g.cs", CatalogWriter.Write(healthy, startup, assembly));
        if (assembly.GenerateMain)
            output.AddSource("GeneratedProgram.g.cs", CatalogWriter.WriteMain(functions[0].ContainingNamespace));
    }
}
