using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Dynamo.Lambda.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Dynamo.Lambda.Generators;

/// <summary>
/// For each [LambdaFunction] method: its handler (the event bound to the parameters, the call, the result mapped
/// to a response), its entry in <c>Dynamo.Lambda.Generated.LambdaFunctions.Catalog</c> by Handler name, and
/// its description for serverless.template. It writes no files: <c>dynamo template</c> does, when asked.
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

        context.RegisterSourceOutput(functions.Combine(startups), static (output, models) => Produce(output, models.Left, models.Right));
    }

    private static void Produce(SourceProductionContext output, ImmutableArray<FunctionModel> functions, ImmutableArray<StartupModel> startups)
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

        var serializable = new HashSet<string>((startup?.Contexts ?? default).SelectMany(c => c.SerializableTypes));
        foreach (var function in functions)
            foreach (var use in function.JsonTypes.Where(use => !serializable.Contains(use.Type)))
                Report(Diagnostic.Create(Diagnostics.NoJsonContext, use.Location?.ToLocation(), use.Type.Replace("global::", ""), function.DisplayName), function);

        var byHandler = new Dictionary<string, FunctionModel>();
        FunctionModel? authorizer = null;
        foreach (var function in functions)
        {
            if (byHandler.TryGetValue(function.Handler, out var first))
                Report(Diagnostic.Create(Diagnostics.DuplicateHandler, function.Location?.ToLocation(), function.Handler, function.DisplayName, first.DisplayName), function);
            else
                byHandler.Add(function.Handler, function);
            if (function.Authorizer is null) continue;
            if (authorizer is not null)
                Report(Diagnostic.Create(Diagnostics.TwoAuthorizers, function.Location?.ToLocation(), function.DisplayName, authorizer.DisplayName), function);
            else
                authorizer = function;
        }

        var healthy = functions.Where(function => !broken.Contains(function)).ToList();
        output.AddSource("LambdaFunctions.g.cs", CatalogWriter.Write(healthy, startup));
    }
}
